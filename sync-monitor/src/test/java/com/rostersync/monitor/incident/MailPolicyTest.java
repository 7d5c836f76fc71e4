package com.rostersync.monitor.incident;

import static com.rostersync.monitor.incident.Outcomes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailPolicyTest {

    private static final Duration DAY = Duration.ofDays(1);
    private final MailPolicy policy = new MailPolicy(DAY);
    private final IncidentBook book = new IncidentBook();
    private final List<MailKind> sent = new ArrayList<>();

    @Test
    void aFreshIncidentIsMailedAtOnceAndRemindedDaily() {
        at(T0, Outcomes.thresholdHeld("maple", "MHS"));
        tick(T0.plus(Duration.ofHours(23)));
        tick(T0.plus(DAY));
        tick(T0.plus(DAY).plusSeconds(60));

        assertThat(sent).containsExactly(MailKind.OPENED, MailKind.REMINDER);
    }

    @Test
    void aResolutionOfAnAnnouncedIncidentIsMailedOnce() {
        at(T0, Outcomes.thresholdHeld("maple", "MHS"));
        at(T0.plusSeconds(60), Outcomes.snapshotReady("maple", "MHS"));
        tick(T0.plusSeconds(120));

        assertThat(sent).containsExactly(MailKind.OPENED, MailKind.RESOLVED);
    }

    @Test
    void aFlappingFailureMailsNoMoreThanOnceOpenedAndOnceResolvedPerInterval() {
        Instant now = T0;
        for (int i = 0; i < 50; i++) {
            at(now, Outcomes.thresholdHeld("maple", "MHS"));
            now = now.plus(Duration.ofMinutes(10));
            at(now, Outcomes.snapshotReady("maple", "MHS"));
            now = now.plus(Duration.ofMinutes(10));
        }
        assertThat(now).isBefore(T0.plus(DAY));

        assertThat(sent).containsExactly(MailKind.OPENED, MailKind.RESOLVED);
    }

    @Test
    void aReopenWithinTheIntervalIsMailedWhenTheIntervalHasPassed() {
        at(T0, Outcomes.thresholdHeld("maple", "MHS"));
        at(T0.plusSeconds(60), Outcomes.snapshotReady("maple", "MHS"));
        at(T0.plusSeconds(120), Outcomes.thresholdHeld("maple", "MHS"));
        tick(T0.plus(Duration.ofHours(12)));
        tick(T0.plus(DAY).plusSeconds(60));

        assertThat(sent).containsExactly(MailKind.OPENED, MailKind.RESOLVED, MailKind.OPENED);
    }

    @Test
    void aResolvedIncidentIsForgottenOnlyAfterItsResolutionMailAndTheInterval() {
        at(T0, Outcomes.thresholdHeld("maple", "MHS"));
        Incident open = book.open().get(0);
        assertThat(policy.canForget(open, T0.plus(DAY.multipliedBy(3)))).isFalse();

        at(T0.plusSeconds(60), Outcomes.snapshotReady("maple", "MHS"));
        Incident resolved = book.all().iterator().next();

        assertThat(policy.canForget(resolved, T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(policy.canForget(resolved, T0.plus(DAY).plusSeconds(60))).isTrue();
    }

    @Test
    void anIncidentResolvedBeforeAnyMailIsForgottenAtOnce() {
        Incident never = Incident.open(
                        UnitOfWork.district("maple"), com.rostersync.events.outcome.OutcomeReason.STALE, null, T0)
                .resolve(T0.plusSeconds(1));

        assertThat(policy.due(never, T0.plusSeconds(2))).isEmpty();
        assertThat(policy.canForget(never, T0.plusSeconds(2))).isTrue();
    }

    private void at(Instant now, com.rostersync.events.outcome.SyncOutcome outcome) {
        book.apply(outcome, now);
        tick(now);
    }

    private void tick(Instant now) {
        for (Incident incident : book.all()) {
            policy.due(incident, now).ifPresent(kind -> {
                sent.add(kind);
                book.put(incident.announce(kind, now));
            });
        }
    }
}
