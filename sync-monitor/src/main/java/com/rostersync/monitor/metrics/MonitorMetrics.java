package com.rostersync.monitor.metrics;

import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.monitor.incident.MailKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The monitor's agreed counters (team brief, docs/metrics.md): outcomes consumed by stage and reason, e-mails sent by
 * kind. Both tag sets are enums, so the series count is fixed whatever the number of districts or schools.
 */
@Component
public class MonitorMetrics {

    public static final String OUTCOMES = "rostersync.outcomes";
    public static final String EMAILS_SENT = "rostersync.emails.sent";

    private final MeterRegistry registry;

    MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (MailKind kind : MailKind.values()) {
            emailCounter(kind);
        }
    }

    public void outcomeConsumed(SyncOutcome outcome) {
        Counter.builder(OUTCOMES)
                .description("Outcome events consumed, by stage and reason")
                .tag("stage", String.valueOf(outcome.stage()))
                .tag("reason", String.valueOf(outcome.reason()))
                .register(registry)
                .increment();
    }

    public void emailSent(MailKind kind) {
        emailCounter(kind).increment();
    }

    private Counter emailCounter(MailKind kind) {
        return Counter.builder(EMAILS_SENT)
                .description("Incident e-mails sent to district leaders, by kind")
                .tag("kind", kind.tag())
                .register(registry);
    }
}
