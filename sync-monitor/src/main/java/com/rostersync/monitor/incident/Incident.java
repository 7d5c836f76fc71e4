package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.OutcomeReason;
import java.time.Instant;

/**
 * One failure reason of one unit of work, from the outcome that first reported it until a later outcome of the same
 * unit no longer does. It is also the value kept in the compacted incident topic, so it carries what was last mailed
 * ({@code announced} and {@code lastMailAt}): that is what lets a restart send nothing twice.
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
        Instant lastMailAt) {

    public static String idOf(UnitOfWork unit, OutcomeReason reason) {
        return unit.id() + "/" + reason.name();
    }

    static Incident open(UnitOfWork unit, OutcomeReason reason, IncidentDetails details, Instant now) {
        return new Incident(idOf(unit, reason), unit, reason, now, now, null, details, Announcement.NONE, null);
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }

    public String tenantId() {
        return unit.tenantId();
    }

    Incident seenAgain(IncidentDetails latest, Instant now) {
        return new Incident(id, unit, reason, isOpen() ? openedAt : now, now, null, latest, announced, lastMailAt);
    }

    Incident resolve(Instant now) {
        return new Incident(id, unit, reason, openedAt, lastSeenAt, now, details, announced, lastMailAt);
    }

    /** The state to store before the mail goes out (see {@code IncidentDesk} for why before). */
    public Incident announce(MailKind kind, Instant now) {
        Announcement told = kind == MailKind.RESOLVED ? Announcement.RESOLVED : Announcement.OPENED;
        return new Incident(id, unit, reason, openedAt, lastSeenAt, resolvedAt, details, told, now);
    }
}
