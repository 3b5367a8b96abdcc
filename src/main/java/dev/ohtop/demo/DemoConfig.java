package dev.ohtop.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to build a demo: the clock everything simulated follows, the seed all it simulates comes
 * from (never a key: see {@link DemoKeys}), the API key the app server accepts, where the
 * sandboxes' scratch directories go, how many (top-level) conversations the account holds, and
 * whether file routes use the pre-v1.13 path form.
 *
 * @param scratchRoot null for a fresh temporary directory, deleted on close (and, if a run is
 *                    killed first, by the next: {@link LeftScratch}); otherwise the
 *                    directory to put sandbox directories in (only those are deleted on close);
 *                    what the demo creates of it is the user's alone (0700)
 */
public record DemoConfig(
        Clock clock, long seed, String apiKey, Path scratchRoot, int conversationCount, boolean legacyFileRoutes) {

    public DemoConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (conversationCount < 0) {
            throw new IllegalArgumentException("conversationCount must not be negative: " + conversationCount);
        }
    }

    /**
     * The system clock, seed 42, 30 conversations, current file routes, a temporary scratch
     * directory, and an API key made fresh for this demo: the seed makes the world, never a key.
     */
    public static DemoConfig defaults() {
        return new DemoConfig(Clock.systemUTC(), 42L, DemoKeys.apiKey(), null, 30, false);
    }

    public DemoConfig withClock(Clock clock) {
        return new DemoConfig(clock, seed, apiKey, scratchRoot, conversationCount, legacyFileRoutes);
    }

    public DemoConfig withSeed(long seed) {
        return new DemoConfig(clock, seed, apiKey, scratchRoot, conversationCount, legacyFileRoutes);
    }

    public DemoConfig withApiKey(String apiKey) {
        return new DemoConfig(clock, seed, apiKey, scratchRoot, conversationCount, legacyFileRoutes);
    }

    public DemoConfig withScratchRoot(Path scratchRoot) {
        return new DemoConfig(clock, seed, apiKey, scratchRoot, conversationCount, legacyFileRoutes);
    }

    public DemoConfig withConversationCount(int conversationCount) {
        return new DemoConfig(clock, seed, apiKey, scratchRoot, conversationCount, legacyFileRoutes);
    }

    public DemoConfig withLegacyFileRoutes(boolean legacyFileRoutes) {
        return new DemoConfig(clock, seed, apiKey, scratchRoot, conversationCount, legacyFileRoutes);
    }
}
