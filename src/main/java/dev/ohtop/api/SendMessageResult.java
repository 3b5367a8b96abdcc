package dev.ohtop.api;

/** Answer of the app server's send-message route. */
public record SendMessageResult(Boolean success, String sandboxStatus, String message) {}
