package com.rostersync.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The district's last successful cycle: what the STALE incident, its mail and the stale alert measure from. */
class DistrictFreshnessTest {

    static final Instant T0 = Outcomes.T0;
    final DistrictFreshness freshness = new DistrictFreshness();

    @Test
    void aQuietHealthyDistrictStaysFreshWithEveryCompletedExtractAlthoughNothingIsUploaded() {
        freshness.track("stanne", T0);

        for (int minute = 1; minute <= 600; minute++) {
            freshness.record(extract("stanne", OutcomeReason.CYCLE_COMPLETED, T0.plus(Duration.ofMinutes(minute))));
        }

        assertThat(freshness.lastSuccess("stanne")).contains(T0.plus(Duration.ofMinutes(600)));
    }

    @Test
    void aFailingSourceStopsTheClockUntilItRecovers() {
        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0));

        assertThat(freshness.record(extract("maple", OutcomeReason.SOURCE_UNAVAILABLE, T0.plusSeconds(60))))
                .isEmpty();
        assertThat(freshness.record(extract("maple", OutcomeReason.SCHOOLS_NOT_FOUND, T0.plusSeconds(120))))
                .isEmpty();
        assertThat(freshness.lastSuccess("maple")).contains(T0);

        assertThat(freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plusSeconds(180))))
                .contains(T0.plusSeconds(180));
    }

    @Test
    void aFailingDestinationStopsTheClockEvenWhileExtractsComplete() {
        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0));
        freshness.record(publish("maple", "clever-maple", OutcomeReason.DESTINATION_CREDENTIALS, T0.plusSeconds(10)));

        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plusSeconds(60)));
        assertThat(freshness.lastSuccess("maple")).contains(T0);

        freshness.record(publish("maple", "clever-maple", OutcomeReason.UPLOADED, T0.plusSeconds(90)));
        assertThat(freshness.lastSuccess("maple")).contains(T0.plusSeconds(90));
    }

    @Test
    void aSnapshotNotYetUploadedStopsTheClockUntilTheUpload() {
        freshness.record(map("maple", "MHS", 1, T0));
        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plusSeconds(1)));
        assertThat(freshness.lastSuccess("maple")).contains(T0.plusSeconds(1));

        freshness.record(map("maple", "MHS", 2, T0.plusSeconds(2)));
        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plusSeconds(3)));
        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plus(Duration.ofHours(3))));
        assertThat(freshness.lastSuccess("maple"))
                .as("the publisher never uploaded version 2")
                .contains(T0.plusSeconds(1));

        freshness.record(
                publish("maple", "clever-maple", OutcomeReason.UNCHANGED, T0.plus(Duration.ofHours(4)), "MHS"));
        assertThat(freshness.lastSuccess("maple")).contains(T0.plus(Duration.ofHours(4)));
    }

    @Test
    void degradedButFlowingOutcomesDoNotStopTheClock() {
        freshness.record(extract("maple", OutcomeReason.FILE_FAILED, T0));
        freshness.record(mapWith("maple", "MHS", OutcomeReason.VALIDATION, T0.plusSeconds(1)));
        freshness.record(mapWith("maple", "MMS", OutcomeReason.THRESHOLD, T0.plusSeconds(2)));

        assertThat(freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plusSeconds(3))))
                .contains(T0.plusSeconds(3));
    }

    @Test
    void anOlderOutcomeNeverMovesTheTimeBack() {
        freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0.plusSeconds(60)));

        assertThat(freshness.record(extract("maple", OutcomeReason.CYCLE_COMPLETED, T0)))
                .isEmpty();
        assertThat(freshness.lastSuccess("maple")).contains(T0.plusSeconds(60));
    }

    private static SyncOutcome extract(String tenant, OutcomeReason reason, Instant at) {
        return outcome(
                Stage.EXTRACT,
                reason,
                tenant,
                List.of(),
                null,
                at,
                Map.of(),
                reason == OutcomeReason.SCHOOLS_NOT_FOUND ? List.of("MXX") : List.of());
    }

    private static SyncOutcome map(String tenant, String school, long version, Instant at) {
        return outcome(
                Stage.MAP,
                OutcomeReason.SNAPSHOT_READY,
                tenant,
                List.of(school),
                null,
                at,
                Map.of("version", version),
                List.of());
    }

    private static SyncOutcome mapWith(String tenant, String school, OutcomeReason reason, Instant at) {
        return outcome(Stage.MAP, reason, tenant, List.of(school), null, at, Map.of("version", 1L), List.of());
    }

    private static SyncOutcome publish(
            String tenant, String destination, OutcomeReason reason, Instant at, String... schools) {
        return outcome(Stage.PUBLISH, reason, tenant, List.of(schools), destination, at, Map.of(), List.of());
    }

    private static SyncOutcome outcome(
            Stage stage,
            OutcomeReason reason,
            String tenant,
            List<String> schools,
            String destination,
            Instant at,
            Map<String, Long> counts,
            List<String> missing) {
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                at,
                stage,
                reason,
                tenant,
                schools,
                destination,
                "test",
                missing,
                List.of(),
                List.of(),
                List.of(),
                counts);
    }
}
