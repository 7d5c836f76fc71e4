package com.rostersync.monitor.api;

import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.command.AuditEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Approves a school's held deletions (seed: Clever's "Approve Changes" on a sync hold): the audit entry is written
 * first and the command second, both acknowledged, so an approval can never reach the mapper without a record of who
 * made it; at worst the audit shows an approval whose command then failed (and the caller got an error).
 */
@Component
class HoldApprovals {

    static final String ACTION = "APPROVE_HOLD";

    private final KafkaTemplate<String, Object> kafka;
    private final Clock clock;

    HoldApprovals(KafkaTemplate<String, Object> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** {@code deletions}: how many held deletions the operator saw; the mapper releases no more than that. */
    ApproveHold approve(String tenantId, String schoolId, String operator, long deletions) {
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

    private void send(String topic, String key, Object value) {
        try {
            kafka.send(topic, key, value).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to " + topic, interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Could not write to " + topic, failed);
        }
    }
}
