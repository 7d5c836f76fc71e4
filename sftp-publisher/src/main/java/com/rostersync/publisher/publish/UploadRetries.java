package com.rostersync.publisher.publish;

import java.time.Duration;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How an unreachable destination is retried: up to {@code maxAttempts} attempts in one upload cycle, waiting as
 * Spring's {@link ExponentialBackOff} says, then DESTINATION_UNAVAILABLE is reported and the next cycle starts by
 * itself after {@code recoverAfter}.
 */
public record UploadRetries(int maxAttempts, BackOff backOff, Duration recoverAfter) {

    /**
     * Waits of {@code initial}, doubled after each attempt up to {@code max}, each moved at random by up to
     * {@code jitter} (a share, 0..1) of itself, so that many destinations behind one outage do not all come back at
     * the same instant.
     */
    public static UploadRetries exponential(
            int maxAttempts, Duration initial, Duration max, double jitter, Duration recoverAfter) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        // Spring grows the jitter with the interval, so a share of the first wait is that share of every wait.
        backOff.setJitter(Math.round(initial.toMillis() * jitter));
        return new UploadRetries(maxAttempts, backOff, recoverAfter);
    }
}
