package dev.ohtop.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before trying a GET again: exponential backoff with jitter,
 * and the server's {@code Retry-After} when it gives one. The sleeper, the clock (a
 * {@code Retry-After} may be a date) and the source of randomness are injected so tests neither
 * sleep nor depend on the time or on chance.
 *
 * @param maxAttempts    attempts in all, the first included
 * @param baseDelay      delay before the second attempt, before jitter
 * @param maxDelay       cap on the backoff delay
 * @param maxRetryAfter  the longest Retry-After we wait out inside one call; a longer one is
 *                       handed to the caller (a poller reschedules instead of blocking)
 * @param clock          what "now" is when the server names the moment to come back at
 */
public record RetryPolicy(
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration maxRetryAfter,
        Sleeper sleeper,
        DoubleSupplier random,
        Clock clock) {

    /** Blocks the calling thread; tests pass one that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    public static RetryPolicy standard() {
        Random random = new Random();
        return new RetryPolicy(
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(8),
                Duration.ofSeconds(10),
                THREAD_SLEEP,
                random::nextDouble,
                Clock.systemUTC());
    }

    public static RetryPolicy none() {
        return new RetryPolicy(
                1, Duration.ZERO, Duration.ZERO, Duration.ZERO, THREAD_SLEEP, () -> 0.5, Clock.systemUTC());
    }

    public RetryPolicy withSleeper(Sleeper newSleeper) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, newSleeper, random, clock);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter, sleeper, random, clock);
    }

    /**
     * The wait before attempt {@code attempt + 1} (attempt counts from 1): base * 2^(attempt-1),
     * capped, then scaled by a random factor in [0.5, 1.0) so many clients do not retry in step.
     */
    public Duration backoff(int attempt) {
        long base = baseDelay.toMillis();
        long exponential = base << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential, maxDelay.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + random.getAsDouble() / 2)));
    }
}
