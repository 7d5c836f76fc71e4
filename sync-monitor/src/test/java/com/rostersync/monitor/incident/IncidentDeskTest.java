package com.rostersync.monitor.incident;

import static com.rostersync.monitor.incident.Outcomes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
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
    void marksTheIncidentAnnouncedOnlyOnceTheServerAcceptedTheMail() {
        desk.restore(List.of(), Map.of());

        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));

        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD");
        assertThat(mailer.storedAtSendTime).singleElement().satisfies(stored -> assertThat(stored.announced())
                .isEqualTo(Announcement.NONE));
        assertThat(store.incidents.get("MAP/maple/MHS/THRESHOLD").announced()).isEqualTo(Announcement.OPENED);
        assertThat(desk.unannouncedCount()).isZero();
    }

    @Test
    void aRefusedMailStaysOwedAndIsRetriedWithBackoff() {
        desk.restore(List.of(), Map.of());
        mailer.results.add(MailResult.FAILED);
        mailer.results.add(MailResult.FAILED);

        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        Incident stored = store.incidents.get("MAP/maple/MHS/THRESHOLD");
        assertThat(stored.announced()).isEqualTo(Announcement.NONE);
        assertThat(stored.lastMailAt()).isNull();
        assertThat(desk.unannouncedCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        desk.check(List.of("maple"));
        assertThat(mailer.attempts).as("still inside the first 30 s backoff").isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        desk.check(List.of("maple"));
        assertThat(mailer.attempts).isEqualTo(2);
        clock.advance(Duration.ofSeconds(59));
        desk.check(List.of("maple"));
        assertThat(mailer.attempts).as("the second wait is twice the first").isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        desk.check(List.of("maple"));

        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD");
        assertThat(store.incidents.get("MAP/maple/MHS/THRESHOLD").announced()).isEqualTo(Announcement.OPENED);
        assertThat(desk.unannouncedCount()).isZero();
    }

    @Test
    void anIncidentWithNoOneToMailIsNotAnnouncedAndIsMailedOnceTheDistrictHasLeaders() {
        desk.restore(List.of(), Map.of());
        mailer.results.add(MailResult.NO_RECIPIENT);

        desk.onOutcome(
                Outcomes.publish("newdistrict", "clever-new", OutcomeReason.DESTINATION_CREDENTIALS, T0, List.of()));
        assertThat(store.incidents
                        .get("PUBLISH/newdistrict/clever-new/DESTINATION_CREDENTIALS")
                        .announced())
                .isEqualTo(Announcement.NONE);
        assertThat(desk.unannouncedCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        desk.check(List.of("newdistrict"));
        desk.check(List.of("newdistrict"));

        assertThat(mailer.sent).containsExactly("opened PUBLISH/newdistrict/clever-new/DESTINATION_CREDENTIALS");
        assertThat(desk.unannouncedCount()).isZero();
    }

    @Test
    void anOwedMailIsNoLongerRetriedOnceItsIncidentResolvedUnannounced() {
        desk.restore(List.of(), Map.of());
        mailer.results.add(MailResult.FAILED);
        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));

        desk.onOutcome(Outcomes.snapshotReady("maple", "MHS"));
        clock.advance(Duration.ofMinutes(5));
        desk.check(List.of("maple"));

        assertThat(mailer.sent).isEmpty();
        assertThat(desk.unannouncedCount()).isZero();
    }

    @Test
    void aSecondDifferentHoldWithinADayOfAnApprovedOneIsMailed() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        clock.advance(Duration.ofMinutes(10));
        desk.onOutcome(Outcomes.snapshotReady("maple", "MHS"));
        clock.advance(Duration.ofHours(2));

        desk.onOutcome(Outcomes.hold("maple", "MHS", 61));

        assertThat(mailer.sent)
                .containsExactly(
                        "opened MAP/maple/MHS/THRESHOLD",
                        "resolved MAP/maple/MHS/THRESHOLD",
                        "opened MAP/maple/MHS/THRESHOLD");
    }

    @Test
    void theSameHoldReturningWithinADayIsNotMailedAgain() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        clock.advance(Duration.ofMinutes(10));
        desk.onOutcome(Outcomes.snapshotReady("maple", "MHS"));
        clock.advance(Duration.ofMinutes(10));

        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        desk.check(List.of("maple"));

        assertThat(mailer.sent).containsExactly("opened MAP/maple/MHS/THRESHOLD", "resolved MAP/maple/MHS/THRESHOLD");
    }

    @Test
    void aDifferentFileFailureWithinADayOfAResolutionIsMailedButTheSameOneIsNot() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.dropFileFailed("oak", "users.csv", "users.csv has a header and no rows"));
        clock.advance(Duration.ofMinutes(5));
        desk.onOutcome(Outcomes.extract("oak", OutcomeReason.CYCLE_COMPLETED, List.of()));
        clock.advance(Duration.ofMinutes(5));
        desk.onOutcome(Outcomes.dropFileFailed("oak", "users.csv", "users.csv has a header and no rows"));
        clock.advance(Duration.ofMinutes(5));
        desk.onOutcome(Outcomes.dropFileFailed("oak", "orgs.csv", "orgs.csv: unclosed quote at line 3"));

        assertThat(mailer.sent)
                .containsExactly(
                        "opened EXTRACT/oak/FILE_FAILED",
                        "resolved EXTRACT/oak/FILE_FAILED",
                        "opened EXTRACT/oak/FILE_FAILED");
        assertThat(mailer.mailed.get(2).details().fileFailures())
                .extracting(com.rostersync.events.outcome.FileFailure::file)
                .containsExactly("orgs.csv");
    }

    @Test
    void anIdChurnHoldIsMailedOnceAndAgainOnlyWhenOtherIdsChange() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.idChurn("oak", "OHS", 3));
        clock.advance(Duration.ofMinutes(1));
        desk.onOutcome(Outcomes.idChurn("oak", "OHS", 3));
        clock.advance(Duration.ofMinutes(1));
        desk.onOutcome(Outcomes.idChurn("oak", "OHS", 4));

        assertThat(mailer.sent).containsExactly("opened MAP/oak/OHS/ID_CHURN", "opened MAP/oak/OHS/ID_CHURN");
        assertThat(mailer.mailed.get(1).details().idChangeCount()).isEqualTo(4);
    }

    @Test
    void aRepeatOfTheSameOpenConditionIsSuppressedButAnotherMissingSchoolIsMailedAtOnce() {
        desk.restore(List.of(), Map.of());
        desk.onOutcome(Outcomes.extract("maple", OutcomeReason.CYCLE_COMPLETED, List.of("MXX")));
        clock.advance(Duration.ofMinutes(1));
        desk.onOutcome(Outcomes.extract("maple", OutcomeReason.CYCLE_COMPLETED, List.of("MXX")));
        clock.advance(Duration.ofMinutes(1));
        desk.onOutcome(Outcomes.extract("maple", OutcomeReason.CYCLE_COMPLETED, List.of("MXX", "MYY")));
        clock.advance(Duration.ofMinutes(1));
        desk.onOutcome(Outcomes.extract("maple", OutcomeReason.CYCLE_COMPLETED, List.of("MYY", "MXX")));

        assertThat(mailer.sent)
                .containsExactly("opened EXTRACT/maple/SCHOOLS_NOT_FOUND", "opened EXTRACT/maple/SCHOOLS_NOT_FOUND");
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
    void aDistrictHandedToAnotherInstanceIsRemindedThereOnlyAndNeverMailedTwice() {
        desk.adopt(tenant -> true, List.of(), Map.of());
        desk.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        desk.onOutcome(Outcomes.thresholdHeld("birch", "BHS"));
        IncidentDesk other = new IncidentDesk(Duration.ofDays(1), Duration.ofHours(2), store, mailer, clock);
        other.adopt(tenant -> false, List.of(), Map.of());

        // maple moves to the other instance: this one forgets it, the other reads it as stored.
        desk.release("maple"::equals);
        other.adopt("maple"::equals, List.copyOf(store.incidents.values()), Map.copyOf(store.lastSuccess));
        other.onOutcome(Outcomes.thresholdHeld("maple", "MHS"));
        clock.advance(Duration.ofDays(1));
        desk.check(List.of("birch"));
        other.check(List.of("maple"));

        assertThat(mailer.sent)
                .containsExactly(
                        "opened MAP/maple/MHS/THRESHOLD",
                        "opened MAP/birch/BHS/THRESHOLD",
                        "reminder MAP/birch/BHS/THRESHOLD",
                        "reminder MAP/maple/MHS/THRESHOLD");
        assertThat(desk.openIncidents()).extracting(Incident::tenantId).containsExactly("birch");
        assertThat(other.openIncidents()).extracting(Incident::tenantId).containsExactly("maple");
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

    /** Answers with the queued results first (failures to simulate), then accepts every mail. */
    private static final class RecordingMailer implements IncidentMailer {
        final RecordingStore store;
        final List<String> sent = new ArrayList<>();
        final List<Incident> mailed = new ArrayList<>();
        final List<Incident> storedAtSendTime = new ArrayList<>();
        final java.util.Deque<MailResult> results = new java.util.ArrayDeque<>();
        int attempts;

        RecordingMailer(RecordingStore store) {
            this.store = store;
        }

        @Override
        public MailResult send(MailKind kind, Incident incident) {
            attempts++;
            MailResult result = results.isEmpty() ? MailResult.SENT : results.poll();
            if (result == MailResult.SENT) {
                storedAtSendTime.add(store.incidents.get(incident.id()));
                sent.add(kind.tag() + " " + incident.id());
                mailed.add(incident);
            }
            return result;
        }
    }
}
