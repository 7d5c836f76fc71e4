package com.rostersync.monitor.incident;

import static com.rostersync.monitor.incident.Outcomes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.OutcomeReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentDeskTest {

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingStore store = new RecordingStore();
    private final RecordingMailer mailer = new RecordingMailer(store);
    private final IncidentDesk desk = new IncidentDesk(Duration.ofDays(1), Duration.ofHours(2), store, mailer, clock);

    @Test
    void storesTheIncidentAsAnnouncedBeforeTheMailGoesOut() {
        desk.restore(List.of(), Map.of());

        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));

        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD");
        assertThat(mailer.storedAtSendTime).singleElement().satisfies(stored -> assertThat(stored.announced())
                .isEqualTo(Announcement.OPENED));
    }

    @Test
    void aRefusedMailIsRolledBackAndRetriedAtTheNextCheck() {
        desk.restore(List.of(), Map.of());
        mailer.refuseNext = true;

        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        assertThat(mailer.sent).isEmpty();
        assertThat(store.incidents.get("MAP/maple/MHS/THRESHOLD").announced()).isEqualTo(Announcement.NONE);

        clock.advance(Duration.ofSeconds(30));
        desk.check(List.of("maple"));
        desk.check(List.of("maple"));

        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD");
    }

    @Test
    void restoredStateSendsNothingAgainAndRemindsOnlyWhenDue() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        IncidentDesk restarted = new IncidentDesk(Duration.ofDays(1), Duration.ofHours(2), store, mailer, clock);

        restarted.restore(List.copyOf(store.incidents.values()), Map.copyOf(store.lastSuccess));
        restarted.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        clock.advance(Duration.ofHours(23));
        restarted.check(List.of());
        clock.advance(Duration.ofHours(1));
        restarted.check(List.of());

        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD", "reminder MAP/maple/MHS/THRESHOLD");
    }

    @Test
    void aDistrictWithoutASuccessfulCycleTurnsStaleAndRecoversWithTheNextUpload() {
        desk.restore(List.of(), Map.of());
        desk.check(List.of("maple"));
        assertThat(store.lastSuccess).containsEntry("maple", T0);

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        desk.check(List.of("maple"));
        assertThat(desk.openCount(OutcomeReason.STALE)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        desk.onOutcome(Outcomes.publish("maple", "clever-maple", OutcomeReason.UPLOADED, clock.instant(), List.of()));
        desk.check(List.of("maple"));

        assertThat(desk.openCount(OutcomeReason.STALE)).isZero();
        assertThat(mailer.sent).containsExactly("opened MONITOR/maple/STALE", "resolved MONITOR/maple/STALE");
        assertThat(desk.lastSuccess("maple")).contains(clock.instant());
    }

    @Test
    void aResolvedIncidentIsTombstonedOnceTheIntervalSinceItsLastMailHasPassed() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        desk.onOutcome(Outcomes.snapshotReady("maple", "MHS"));
        desk.check(List.of());
        assertThat(store.deleted).isEmpty();

        clock.advance(Duration.ofDays(1));
        desk.check(List.of());

        assertThat(store.deleted).containsExactly("MAP/maple/MHS/THRESHOLD");
        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD", "resolved MAP/maple/MHS/THRESHOLD");
    }

    private static final class RecordingStore implements IncidentStore {
        final Map<String, Incident> incidents = new LinkedHashMap<>();
        final Map<String, Instant> lastSuccess = new LinkedHashMap<>();
        final List<String> deleted = new ArrayList<>();

        @Override
        public void save(Incident incident) {
            incidents.put(incident.id(), incident);
        }

        @Override
        public void delete(String incidentId) {
            incidents.remove(incidentId);
            deleted.add(incidentId);
        }

        @Override
        public void saveLastSuccess(String tenantId, Instant at) {
            lastSuccess.put(tenantId, at);
        }
    }

    private static final class RecordingMailer implements IncidentMailer {
        final RecordingStore store;
        final List<String> sent = new ArrayList<>();
        final List<Incident> storedAtSendTime = new ArrayList<>();
        boolean refuseNext;

        RecordingMailer(RecordingStore store) {
            this.store = store;
        }

        @Override
        public boolean send(MailKind kind, Incident incident) {
            if (refuseNext) {
                refuseNext = false;
                throw new IllegalStateException("550 mailbox unavailable");
            }
            storedAtSendTime.add(store.incidents.get(incident.id()));
            sent.add(kind.tag() + " " + incident.id());
            return true;
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
