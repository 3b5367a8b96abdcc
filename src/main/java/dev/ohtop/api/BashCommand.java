package dev.ohtop.api;

/** The agent server's record of a started command. */
public record BashCommand(String id, String timestamp, String command, String cwd, Integer timeout, String kind) {}
