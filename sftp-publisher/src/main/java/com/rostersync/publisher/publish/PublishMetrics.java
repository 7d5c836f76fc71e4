package com.rostersync.publisher.publish;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The publisher's agreed metrics (team brief): uploads by reason, bytes and duration histograms, outcomes sent. */
public final class PublishMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary bytes;
    private final Timer duration;

    public PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = DistributionSummary.builder("rostersync.publisher.upload.bytes")
                .baseUnit("bytes")
                .publishPercentileHistogram()
                .register(registry);
        this.duration = Timer.builder("rostersync.publisher.upload.duration")
                .publishPercentileHistogram()
                .register(registry);
    }

    void upload(OutcomeReason reason) {
        Counter.builder("rostersync.publisher.uploads")
                .tag("reason", reason.name())
                .register(registry)
                .increment();
    }

    void uploaded(long byteCount, Duration took) {
        bytes.record(byteCount);
        duration.record(took);
    }

    void outcomeSent(OutcomeReason reason) {
        Counter.builder("rostersync.outcomes.sent")
                .tag("stage", Stage.PUBLISH.name())
                .tag("reason", reason.name())
                .register(registry)
                .increment();
    }
}
