package com.rostersync.monitor.api;

import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.kernel.kafka.AcknowledgedSend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Approves or discards a school's held changes (seed: Clever's "Approve Changes" and "Discard" on a sync hold), for the
 * API and the console alike: the audit entry is written first and the command second, both acknowledged, so a
 * decision can never reach the mapper without a record of who made it; at worst the audit shows a decision whose
 * command then failed (and the caller got an error).
 */
@Component
public class HoldApprovals {

    static final String ACTION = "APPROVE_HOLD";
    static final String DISCARD_ACTION = "DISCARD_HOLD";

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, Object> kafka;
    private final Clock clock;

    HoldApprovals(KafkaTemplate<String, Object> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** {@code deletions}: how many held deletions the operator saw; the mapper releases no more than that. */
    public ApproveHold approve(String tenantId, String schoolId, String operator, long deletions) {
        Instant now = clock.instant();
        ApproveHold command = new ApproveHold(
                SchemaVersion.CURRENT, UUID.randomUUID().toString(), tenantId, schoolId, operator, now, deletions);
        AuditEntry audit = new AuditEntry(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                now,
                operator,
                ACTION,
                tenantId,
                schoolId,
                command.commandId());
        send(Topics.AUDIT, tenantId, audit);
        send(Topics.COMMANDS, Keys.school(tenantId, schoolId), command);
        return command;
    }

    /** {@code reason}: the operator's own words, kept as the audit entry's note; never blank. */
    public DiscardHold discard(String tenantId, String schoolId, String operator, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a discard needs a reason");
        }
        Instant now = clock.instant();
        DiscardHold command =
                new DiscardHold(UUID.randomUUID().toString(), tenantId, schoolId, operator, now, reason.strip());
        AuditEntry audit = new AuditEntry(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                now,
                operator,
                DISCARD_ACTION,
                tenantId,
                schoolId,
                command.commandId(),
                command.reason(),
                SchemaVersion.MINOR);
        send(Topics.AUDIT, tenantId, audit);
        send(Topics.COMMANDS, Keys.school(tenantId, schoolId), command);
        return command;
    }

    private void send(String topic, String key, Object value) {
        AcknowledgedSend.await(kafka.send(topic, key, value), SEND_TIMEOUT, topic + " key " + key);
    }
}
