package com.rostersync.publisher.publish;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for an unreachable destination: attempt n waits {@code initial * 2^(n-1)}, capped
 * at {@code max}, shortened by a random share of at most {@code jitter} so that many destinations behind one outage
 * do not all come back at the same instant.
 *
 * @param maxAttempts attempts in one upload cycle before DESTINATION_UNAVAILABLE is reported
 * @param recoverAfter after a reported outage, when the next cycle starts by itself
 */
public record RetryBackoff(int maxAttempts, Duration initial, Duration max, double jitter, Duration recoverAfter) {

    /** The wait before attempt {@code attempt + 1}, given a random number in [0, 1). */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        long base = initial.toMillis();
        long exponential = attempt >= 31 ? Long.MAX_VALUE : base << Math.max(0, attempt - 1);
        long capped = exponential < 0 ? max.toMillis() : Math.min(max.toMillis(), exponential);
        long jittered = Math.round(capped * (1.0 - jitter * random.getAsDouble()));
        return Duration.ofMillis(Math.max(0, jittered));
    }
}
