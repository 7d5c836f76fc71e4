package com.rostersync.monitor.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When an incident e-mail is due (docs/monitor.md). Leaders are mailed only to change what they were last told:
 * a fresh incident mails at once; an open one reminds every interval; a resolution of an announced incident mails at
 * once. The flap guard keys on the condition's content ({@link ConditionFingerprint}): an incident that re-opens within
 * the interval after its resolution mail with the same content waits until the interval since that mail has passed
 * (and is not mailed at all if it resolves again before), so a flapping failure causes at most one opened and one
 * resolved mail per interval; a different condition (a new hold after an approved one, another file failing, another
 * missing school) is mailed at once, open or re-opened. Seed: district leaders receive an e-mail when a sync fails,
 * without a storm.
 *
 * <p>A mail that could not be delivered (refused, or no one to send it to) stays owed and is retried after
 * {@code initialRetry}, doubling up to {@code maxRetry}; after {@code maxAttempts} failures only once per reminder
 * interval, so a district without leaders is not retried forever at a high rate.
 */
public final class MailPolicy {

    private final Duration reminderInterval;
    private final MailRetry retry;

    public MailPolicy(Duration reminderInterval) {
        this(reminderInterval, MailRetry.DEFAULT);
    }

    public MailPolicy(Duration reminderInterval, MailRetry retry) {
        this.reminderInterval = reminderInterval;
        this.retry = retry;
    }

    /** The mail owed for this incident now, ignoring a retry's backoff (see {@link #mayTryAt}). */
    public Optional<MailKind> due(Incident incident, Instant now) {
        boolean intervalPassed = incident.lastMailAt() == null
                || !Duration.between(incident.lastMailAt(), now)
                        .minus(reminderInterval)
                        .isNegative();
        if (incident.isOpen()) {
            return switch (incident.announced()) {
                case NONE -> Optional.of(MailKind.OPENED);
                case RESOLVED ->
                    intervalPassed || isNewCondition(incident) ? Optional.of(MailKind.OPENED) : Optional.empty();
                case OPENED ->
                    isNewCondition(incident)
                            ? Optional.of(MailKind.OPENED)
                            : intervalPassed ? Optional.of(MailKind.REMINDER) : Optional.empty();
            };
        }
        return incident.announced() == Announcement.OPENED ? Optional.of(MailKind.RESOLVED) : Optional.empty();
    }

    /** Whether an owed mail may be attempted now: not while the backoff after a failed attempt runs. */
    public boolean mayTryAt(Incident incident, Instant now) {
        return incident.nextMailAt() == null || !now.isBefore(incident.nextMailAt());
    }

    /** When to try again after {@code attempts} consecutive undelivered attempts. */
    public Instant retryAt(int attempts, Instant now) {
        if (attempts >= retry.maxAttempts()) {
            return now.plus(reminderInterval);
        }
        Duration delay = retry.initial();
        for (int i = 1; i < attempts && delay.compareTo(retry.max()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return now.plus(delay.compareTo(retry.max()) > 0 ? retry.max() : delay);
    }

    /**
     * The leaders were told about this incident, and what they were told is not what it is now. A stored incident from
     * before fingerprints were kept counts as unchanged, so an upgrade mails nothing again.
     */
    static boolean isNewCondition(Incident incident) {
        return incident.announcedFingerprint() != null
                && !Objects.equals(incident.announcedFingerprint(), incident.fingerprint());
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

    /**
     * How an undelivered mail is retried.
     *
     * @param initial     the wait after the first undelivered attempt, doubled after each further one
     * @param max         the longest wait between two attempts
     * @param maxAttempts after this many, one attempt per reminder interval
     */
    public record MailRetry(Duration initial, Duration max, int maxAttempts) {

        public static final MailRetry DEFAULT = new MailRetry(Duration.ofSeconds(30), Duration.ofMinutes(30), 10);
    }
}
