package com.rostersync.monitor.metrics;

import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.monitor.incident.MailKind;
import com.rostersync.monitor.incident.MailResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The monitor's agreed counters (docs/metrics.md): outcomes consumed by stage and reason, e-mails sent by
 * kind, and every mail attempt by kind and result (sent, failed, no_recipient). All tag sets are enums, so the series
 * count is fixed whatever the number of districts or schools. Every series is registered at 0 from the start: a series
 * born with its first increment is invisible to {@code rate()} for that first event, and the failure ratio would be
 * empty on a clean platform.
 */
@Component
public class MonitorMetrics {

    public static final String OUTCOMES = "rostersync.outcomes";
    public static final String EMAILS_SENT = "rostersync.emails.sent";
    public static final String MAILS = "rostersync.monitor.mails";

    private final MeterRegistry registry;

    MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (MailKind kind : MailKind.values()) {
            emailCounter(kind);
            for (MailResult result : MailResult.values()) {
                mailCounter(kind, result);
            }
        }
        for (Stage stage : Stage.values()) {
            stage.reasons().forEach(reason -> outcomeCounter(stage.name(), reason.name()));
        }
    }

    public void outcomeConsumed(SyncOutcome outcome) {
        outcomeCounter(String.valueOf(outcome.stage()), String.valueOf(outcome.reason()))
                .increment();
    }

    private Counter outcomeCounter(String stage, String reason) {
        return Counter.builder(OUTCOMES)
                .description("Outcome events consumed, by stage and reason")
                .tag("stage", stage)
                .tag("reason", reason)
                .register(registry);
    }

    /** One attempt to mail an incident, whatever became of it. */
    public void mail(MailKind kind, MailResult result) {
        mailCounter(kind, result).increment();
        if (result == MailResult.SENT) {
            emailCounter(kind).increment();
        }
    }

    private Counter emailCounter(MailKind kind) {
        return Counter.builder(EMAILS_SENT)
                .description("Incident e-mails sent to district leaders, by kind")
                .tag("kind", kind.tag())
                .register(registry);
    }

    private Counter mailCounter(MailKind kind, MailResult result) {
        return Counter.builder(MAILS)
                .description("Incident e-mail attempts, by kind and result (sent, failed, no_recipient)")
                .tag("kind", kind.tag())
                .tag("result", result.tag())
                .register(registry);
    }
}
