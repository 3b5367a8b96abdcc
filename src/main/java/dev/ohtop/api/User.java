package dev.ohtop.api;

/** The account behind the API key; the services add fields freely, we rely on these two. */
public record User(String id, String email) {}
