package com.rostersync.monitor.kafka;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.monitor.incident.IncidentDesk;
import com.rostersync.monitor.metrics.IncidentGauges;
import com.rostersync.monitor.metrics.MonitorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Every stage's outcomes: version-checked, counted, then handed to the incident desk. An outcome of a newer major
 * schema version is refused (it lands on the dead-letter topic saying why); a reason this build does not know reads
 * as {@link OutcomeReason#UNKNOWN} and becomes a generic failure incident, never a dead letter.
 */
@Component
class OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

    private final IncidentDesk desk;
    private final MonitorMetrics metrics;
    private final IncidentGauges gauges;

    OutcomeListener(IncidentDesk desk, MonitorMetrics metrics, IncidentGauges gauges) {
        this.desk = desk;
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @KafkaListener(id = "sync-monitor-outcomes", topics = Topics.OUTCOMES)
    void onOutcome(
            SyncOutcome outcome,
            @Header(KafkaHeaders.RECEIVED_TOPIC) String topic,
            @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
            @Header(KafkaHeaders.OFFSET) long offset) {
        String where = SchemaVersion.where(topic, partition, offset);
        SchemaVersion.check(outcome.schemaVersion(), outcome.schemaMinor(), where);
        if (outcome.reason() == OutcomeReason.UNKNOWN || outcome.stage() == Stage.UNKNOWN) {
            log.warn(
                    "Outcome {} of tenant {} at {} has a stage or reason this monitor does not know (schema {}.{}):"
                            + " handled as a generic failure",
                    outcome.outcomeId(),
                    outcome.tenantId(),
                    where,
                    outcome.schemaVersion(),
                    outcome.schemaMinor());
        }
        metrics.outcomeConsumed(outcome);
        desk.onOutcome(outcome);
        if (outcome.tenantId() != null) {
            gauges.trackDistrict(outcome.tenantId());
        }
        gauges.refresh();
    }
}
