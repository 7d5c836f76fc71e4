package com.rostersync.monitor.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an incident e-mail is due. The rule (documented in docs/monitor.md): leaders are mailed only to change what
 * they were last told, and never more than once per reminder interval per incident except for the resolution of an
 * incident they were told about. So a fresh incident mails at once; an open one reminds every interval; a resolution
 * of an announced incident mails at once; an incident that re-opens within the interval after its resolution mail
 * waits until the interval since that mail has passed (and is not mailed at all if it resolves again before). A
 * flapping failure therefore causes at most one opened and one resolved mail per interval. Seed: district leaders
 * receive an e-mail when a sync fails, without a storm.
 */
public final class MailPolicy {

    private final Duration reminderInterval;

    public MailPolicy(Duration reminderInterval) {
        this.reminderInterval = reminderInterval;
    }

    public Optional<MailKind> due(Incident incident, Instant now) {
        boolean intervalPassed = incident.lastMailAt() == null
                || !Duration.between(incident.lastMailAt(), now)
                        .minus(reminderInterval)
                        .isNegative();
        if (incident.isOpen()) {
            return switch (incident.announced()) {
                case NONE -> Optional.of(MailKind.OPENED);
                case RESOLVED -> intervalPassed ? Optional.of(MailKind.OPENED) : Optional.empty();
                case OPENED -> intervalPassed ? Optional.of(MailKind.REMINDER) : Optional.empty();
            };
        }
        return incident.announced() == Announcement.OPENED ? Optional.of(MailKind.RESOLVED) : Optional.empty();
    }

    /**
     * A resolved incident can be dropped (tombstoned) once nothing is owed: its resolution was mailed (or it was never
     * announced) and the reminder interval since the last mail has passed, so a re-open is a fresh incident again.
     */
    public boolean canForget(Incident incident, Instant now) {
        if (incident.isOpen() || incident.announced() == Announcement.OPENED) {
            return false;
        }
        return incident.lastMailAt() == null
                || !Duration.between(incident.lastMailAt(), now)
                        .minus(reminderInterval)
                        .isNegative();
    }
}
