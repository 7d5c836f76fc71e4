package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the incident book against time, the store and the mailer; one instance per monitor, all methods serialised.
 *
 * <p>Ordering, so that a restart sends nothing twice: every state change is stored (and acknowledged) before anything
 * is mailed, and before a mail goes out the incident is stored as already announced ({@code announced},
 * {@code lastMailAt}). A crash between that write and the SMTP hand-off loses that one mail rather than sending it
 * twice; an open incident is still reminded at the next interval, so the leaders hear of it. A mail the server
 * refuses is rolled back in the store and retried on the next check. Outcomes replayed after a restart (offsets not
 * yet committed) re-apply to the restored state and find nothing due, because {@link MailPolicy} looks only at what
 * was announced and when.
 */
public final class IncidentDesk {

    private static final Logger log = LoggerFactory.getLogger(IncidentDesk.class);

    private final IncidentBook book = new IncidentBook();
    private final DistrictFreshness freshness = new DistrictFreshness();
    private final MailPolicy policy;
    private final Duration staleAfter;
    private final IncidentStore store;
    private final IncidentMailer mailer;
    private final Clock clock;
    private volatile Map<OutcomeReason, Long> openByReason = Map.of();
    private volatile boolean restored;

    public IncidentDesk(
            Duration reminderInterval, Duration staleAfter, IncidentStore store, IncidentMailer mailer, Clock clock) {
        this.policy = new MailPolicy(reminderInterval);
        this.staleAfter = staleAfter;
        this.store = store;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Loads the state read back from the store; must happen before the first outcome or check. */
    public synchronized void restore(Collection<Incident> incidents, Map<String, Instant> lastSuccess) {
        incidents.forEach(book::restore);
        lastSuccess.forEach(freshness::restore);
        restored = true;
        refreshCounts();
        log.info(
                "Restored {} incidents ({} open) and the last success of {} districts",
                incidents.size(),
                book.open().size(),
                lastSuccess.size());
    }

    public synchronized void onOutcome(SyncOutcome outcome) {
        requireRestored();
        Instant now = clock.instant();
        freshness.record(outcome).ifPresent(at -> store.saveLastSuccess(outcome.tenantId(), at));
        book.apply(outcome, now).forEach(store::save);
        deliverDue(now);
        refreshCounts();
    }

    /** The scheduled check: tracks the registry's districts, opens STALE incidents, sends due reminders, forgets. */
    public synchronized void check(Collection<String> districts) {
        if (!restored) {
            return;
        }
        Instant now = clock.instant();
        for (String district : districts) {
            if (freshness.track(district, now)) {
                store.saveLastSuccess(district, now);
            }
        }
        book.checkStale(freshness.snapshot(), now, staleAfter).forEach(store::save);
        deliverDue(now);
        for (Incident incident : book.all()) {
            if (policy.canForget(incident, now)) {
                store.delete(incident.id());
                book.forget(incident.id());
            }
        }
        refreshCounts();
    }

    public synchronized List<Incident> openIncidents() {
        return book.open();
    }

    public synchronized Optional<Incident> openIncident(String id) {
        return book.open().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public long openCount(OutcomeReason reason) {
        return openByReason.getOrDefault(reason, 0L);
    }

    public Optional<Instant> lastSuccess(String tenantId) {
        return freshness.lastSuccess(tenantId);
    }

    public Set<String> trackedDistricts() {
        return freshness.snapshot().keySet();
    }

    private void deliverDue(Instant now) {
        for (Incident incident : book.all()) {
            Optional<MailKind> due = policy.due(incident, now);
            if (due.isEmpty()) {
                continue;
            }
            Incident announced = incident.announce(due.get(), now);
            store.save(announced);
            book.put(announced);
            try {
                if (!mailer.send(due.get(), announced)) {
                    log.warn(
                            "Incident {} ({}) has no district leaders to mail",
                            incident.id(),
                            due.get().tag());
                }
            } catch (RuntimeException failed) {
                log.warn(
                        "Could not send the {} mail of incident {}; will retry: {}",
                        due.get().tag(),
                        incident.id(),
                        failed.toString());
                store.save(incident);
                book.put(incident);
            }
        }
    }

    private void refreshCounts() {
        openByReason = Map.copyOf(book.openByReason());
    }

    private void requireRestored() {
        if (!restored) {
            throw new IllegalStateException("Incident state not restored yet");
        }
    }
}
