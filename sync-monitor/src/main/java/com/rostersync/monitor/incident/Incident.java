package com.rostersync.monitor.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.rostersync.events.outcome.OutcomeReason;
import java.time.Instant;

/**
 * One failure reason of one unit of work, from the outcome that first reported it until a later outcome of the same
 * unit no longer does. It is also the value kept in the compacted incident topic, so it carries what was last mailed
 * ({@code announced}, {@code lastMailAt} and the content fingerprint of that mail, {@code announcedFingerprint}) and a
 * mail still owed ({@code mailAttempts} that failed or found no recipient, {@code nextMailAt}): that is what lets a
 * restart send nothing twice and lose nothing owed.
 */
public record Incident(
        String id,
        UnitOfWork unit,
        OutcomeReason reason,
        Instant openedAt,
        Instant lastSeenAt,
        Instant resolvedAt,
        IncidentDetails details,
        Announcement announced,
        Instant lastMailAt,
        String announcedFingerprint,
        Integer mailAttempts,
        Instant nextMailAt) {

    public Incident {
        mailAttempts = mailAttempts == null ? 0 : mailAttempts;
    }

    public static String idOf(UnitOfWork unit, OutcomeReason reason) {
        return unit.id() + "/" + reason.name();
    }

    static Incident open(UnitOfWork unit, OutcomeReason reason, IncidentDetails details, Instant now) {
        return new Incident(
                idOf(unit, reason), unit, reason, now, now, null, details, Announcement.NONE, null, null, 0, null);
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }

    public String tenantId() {
        return unit.tenantId();
    }

    /** What the condition is, as far as the flap guard is concerned (see {@link ConditionFingerprint}). */
    @JsonIgnore
    public String fingerprint() {
        return ConditionFingerprint.of(reason, details);
    }

    /** A mail owed for this incident failed or found no one to send to, and is retried. */
    @JsonIgnore
    public boolean isUnannounced() {
        return mailAttempts > 0;
    }

    Incident seenAgain(IncidentDetails latest, Instant now) {
        return new Incident(
                id,
                unit,
                reason,
                isOpen() ? openedAt : now,
                now,
                null,
                latest,
                announced,
                lastMailAt,
                announcedFingerprint,
                mailAttempts,
                nextMailAt);
    }

    Incident resolve(Instant now) {
        return new Incident(
                id,
                unit,
                reason,
                openedAt,
                lastSeenAt,
                now,
                details,
                announced,
                lastMailAt,
                announcedFingerprint,
                mailAttempts,
                nextMailAt);
    }

    /** The state to store once the mail server accepted the mail of this kind. */
    public Incident announce(MailKind kind, Instant now) {
        Announcement told = kind == MailKind.RESOLVED ? Announcement.RESOLVED : Announcement.OPENED;
        return new Incident(
                id, unit, reason, openedAt, lastSeenAt, resolvedAt, details, told, now, fingerprint(), 0, null);
    }

    /** The state to store when the owed mail could not be delivered: one more attempt, the next not before then. */
    Incident mailNotDelivered(Instant retryAt) {
        return withMailOwed(mailAttempts + 1, retryAt);
    }

    /** Nothing is owed any more (e.g. it resolved before its opening mail could go): no retry pending. */
    Incident nothingOwed() {
        return withMailOwed(0, null);
    }

    private Incident withMailOwed(int attempts, Instant next) {
        return new Incident(
                id,
                unit,
                reason,
                openedAt,
                lastSeenAt,
                resolvedAt,
                details,
                announced,
                lastMailAt,
                announcedFingerprint,
                attempts,
                next);
    }
}
