package dev.ohtop.api;

/** What an agent server says about itself ({@code /server_info}, no auth needed). */
public record ServerInfo(String version, Double uptime, Double idleTime) {}
