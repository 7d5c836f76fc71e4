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
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the incident book against time, the store and the mailer; one instance per monitor, all methods serialised.
 *
 * <p>Ordering: every state change is stored (and acknowledged) before anything is mailed, and an incident is stored
 * as announced ({@code announced}, {@code lastMailAt}) only once the mail server accepted its mail for at least one
 * recipient. A mail that was refused, or found no one to send to (the district unknown even after reloading the
 * registry, or without leaders), stays owed: the incident is stored with the failed attempt and retried with backoff
 * ({@link MailPolicy}), and counted as unannounced. A crash between the SMTP hand-off and the write of the announced
 * state sends that one mail again after the restart; nothing owed is ever lost. Outcomes replayed after a restart
 * (offsets not yet committed) re-apply to the restored state and find nothing due, because {@link MailPolicy} looks
 * only at what was announced and when.
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
    private volatile long unannounced;
    private volatile boolean restored;

    public IncidentDesk(
            Duration reminderInterval, Duration staleAfter, IncidentStore store, IncidentMailer mailer, Clock clock) {
        this(reminderInterval, MailPolicy.MailRetry.DEFAULT, staleAfter, store, mailer, clock);
    }

    public IncidentDesk(
            Duration reminderInterval,
            MailPolicy.MailRetry retry,
            Duration staleAfter,
            IncidentStore store,
            IncidentMailer mailer,
            Clock clock) {
        this.policy = new MailPolicy(reminderInterval, retry);
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

    /**
     * This monitor now answers for the districts {@code gained} accepts (another instance did until now, or none did):
     * their incidents and last success are taken as the store holds them, replacing what this instance knew of them.
     */
    public synchronized void adopt(
            Predicate<String> gained, Collection<Incident> incidents, Map<String, Instant> lastSuccess) {
        forget(gained);
        incidents.stream().filter(i -> gained.test(i.tenantId())).forEach(book::restore);
        lastSuccess.forEach((tenant, at) -> {
            if (gained.test(tenant)) {
                freshness.restore(tenant, at);
            }
        });
        restored = true;
        refreshCounts();
        log.info(
                "Answering for {} incidents ({} open) in all",
                book.all().size(),
                book.open().size());
    }

    /**
     * Another instance answers for the districts {@code lost} accepts from now on: this one forgets them in memory (the
     * store keeps them), so it neither mails nor reminds about them.
     */
    public synchronized void release(Predicate<String> lost) {
        forget(lost);
        refreshCounts();
    }

    private void forget(Predicate<String> tenants) {
        book.all().stream().filter(i -> tenants.test(i.tenantId())).forEach(i -> book.forget(i.id()));
        freshness.forget(tenants);
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

    /** Incidents whose owed mail could not be delivered yet (refused, or no one to send it to). */
    public long unannouncedCount() {
        return unannounced;
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
                if (incident.isUnannounced()) {
                    keep(incident.nothingOwed());
                }
                continue;
            }
            if (!policy.mayTryAt(incident, now)) {
                continue;
            }
            MailResult result;
            try {
                result = mailer.send(due.get(), incident);
            } catch (RuntimeException unexpected) {
                log.warn(
                        "Mailer failed on incident {}: {}",
                        incident.id(),
                        unexpected.getClass().getName());
                result = MailResult.FAILED;
            }
            if (result == MailResult.SENT) {
                keep(incident.announce(due.get(), now));
            } else {
                Instant retryAt = policy.retryAt(incident.mailAttempts() + 1, now);
                log.warn(
                        "The {} mail of incident {} was not delivered ({}, attempt {}); next try at {}",
                        due.get().tag(),
                        incident.id(),
                        result.tag(),
                        incident.mailAttempts() + 1,
                        retryAt);
                keep(incident.mailNotDelivered(retryAt));
            }
        }
    }

    private void keep(Incident incident) {
        store.save(incident);
        book.put(incident);
    }

    private void refreshCounts() {
        openByReason = Map.copyOf(book.openByReason());
        unannounced = book.all().stream().filter(Incident::isUnannounced).count();
    }

    private void requireRestored() {
        if (!restored) {
            throw new IllegalStateException("Incident state not restored yet");
        }
    }
}
