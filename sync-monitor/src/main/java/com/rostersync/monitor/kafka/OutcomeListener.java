package com.rostersync.monitor.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.monitor.incident.IncidentDesk;
import com.rostersync.monitor.metrics.IncidentGauges;
import com.rostersync.monitor.metrics.MonitorMetrics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every stage's outcomes: counted, then handed to the incident desk. */
@Component
class OutcomeListener {

    private final IncidentDesk desk;
    private final MonitorMetrics metrics;
    private final IncidentGauges gauges;

    OutcomeListener(IncidentDesk desk, MonitorMetrics metrics, IncidentGauges gauges) {
        this.desk = desk;
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @KafkaListener(id = "sync-monitor-outcomes", topics = Topics.OUTCOMES)
    void onOutcome(SyncOutcome outcome) {
        metrics.outcomeConsumed(outcome);
        desk.onOutcome(outcome);
        if (outcome.tenantId() != null) {
            gauges.trackDistrict(outcome.tenantId());
        }
        gauges.refresh();
    }
}
