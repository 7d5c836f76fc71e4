package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class UploadRetriesTest {

    @Test
    void doublesEachWaitUpToTheCap() {
        BackOffExecution waits = UploadRetries.exponential(
                        5, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.0, Duration.ofMinutes(1))
                .backOff()
                .start();

        assertThat(new long[] {
                    waits.nextBackOff(),
                    waits.nextBackOff(),
                    waits.nextBackOff(),
                    waits.nextBackOff(),
                    waits.nextBackOff()
                })
                .containsExactly(1000, 2000, 4000, 8000, 10000);
    }

    @Test
    void jitterMovesEachWaitByAtMostItsShareAndNeverPastTheCapOrBelowTheFirstWait() {
        UploadRetries retries =
                UploadRetries.exponential(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, Duration.ofMinutes(1));

        for (int run = 0; run < 50; run++) {
            BackOffExecution waits = retries.backOff().start();
            assertThat(waits.nextBackOff()).isBetween(1000L, 1500L);
            assertThat(waits.nextBackOff()).isBetween(1000L, 3000L);
            assertThat(waits.nextBackOff()).isBetween(2000L, 6000L);
            assertThat(waits.nextBackOff()).isBetween(4000L, 10000L);
            assertThat(waits.nextBackOff()).isBetween(5000L, 10000L);
        }
    }
}
