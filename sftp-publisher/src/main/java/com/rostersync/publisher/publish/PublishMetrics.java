package com.rostersync.publisher.publish;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The publisher's agreed metrics: uploads by destination and reason (which account is failing), bytes
 * and duration histograms (platform-wide: a destination label would multiply every bucket), outcomes sent. Every
 * reason's series exists at 0 from the start (a destination's as soon as it is scheduled), so a first failure shows in
 * {@code rate()} and panels show 0 rather than "no data".
 */
public final class PublishMetrics {

    /** Every reason a PUBLISH outcome can carry. */
    static final List<OutcomeReason> REASONS = Stage.PUBLISH.reasons();

    private final MeterRegistry registry;
    private final DistributionSummary bytes;
    private final Timer duration;
    private final Set<String> knownDestinations = ConcurrentHashMap.newKeySet();

    public PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = DistributionSummary.builder("rostersync.publisher.upload.bytes")
                .baseUnit("bytes")
                .publishPercentileHistogram()
                .register(registry);
        this.duration = Timer.builder("rostersync.publisher.upload.duration")
                .publishPercentileHistogram()
                .register(registry);
        REASONS.forEach(this::outcomeCounter);
    }

    /** Registers the destination's upload series at 0, once. */
    void destination(String destinationId) {
        if (knownDestinations.add(destinationId)) {
            REASONS.forEach(reason -> uploadCounter(destinationId, reason));
        }
    }

    void upload(String destinationId, OutcomeReason reason) {
        destination(destinationId);
        uploadCounter(destinationId, reason).increment();
    }

    void uploaded(long byteCount, Duration took) {
        bytes.record(byteCount);
        duration.record(took);
    }

    void outcomeSent(OutcomeReason reason) {
        outcomeCounter(reason).increment();
    }

    private Counter uploadCounter(String destinationId, OutcomeReason reason) {
        return Counter.builder("rostersync.publisher.uploads")
                .description("Upload cycles by destination account and reason")
                .tag("destination", destinationId)
                .tag("reason", reason.name())
                .register(registry);
    }

    private Counter outcomeCounter(OutcomeReason reason) {
        return Counter.builder("rostersync.outcomes.sent")
                .tag("stage", Stage.PUBLISH.name())
                .tag("reason", reason.name())
                .register(registry);
    }
}
