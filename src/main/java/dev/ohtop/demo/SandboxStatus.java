package dev.ohtop.demo;

/** A sandbox's state as the app server reports it ({@code status} / {@code sandbox_status}). */
public enum SandboxStatus {
    STARTING,
    RUNNING,
    PAUSED,
    ERROR,
    MISSING
}
