package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff =
            new RetryBackoff(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, Duration.ofMinutes(1));

    @Test
    void doublesEachAttemptUpToTheCap() {
        assertThat(backoff.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(5, () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(40, () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterShortensAWaitByAtMostItsShare() {
        assertThat(backoff.delayAfter(2, () -> 0.999999)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delayAfter(2, () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
    }
}
