package com.rostersync.monitor.incident;

import static com.rostersync.monitor.incident.Outcomes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentBookTest {

    private final IncidentBook book = new IncidentBook();

    @Test
    void opensOneIncidentPerFailurePresentInAnOutcome() {
        var outcome = Outcomes.extract("maple", OutcomeReason.SOURCE_CREDENTIALS, List.of("MXX"));

        List<Incident> changed = book.apply(outcome, T0);

        assertThat(changed)
                .extracting(Incident::id)
                .containsExactlyInAnyOrder("EXTRACT/maple/SOURCE_CREDENTIALS", "EXTRACT/maple/SCHOOLS_NOT_FOUND");
        assertThat(book.openByReason())
                .containsEntry(OutcomeReason.SCHOOLS_NOT_FOUND, 1L)
                .containsEntry(OutcomeReason.SOURCE_CREDENTIALS, 1L);
        Incident missing = book.open().stream()
                .filter(i -> i.reason() == OutcomeReason.SCHOOLS_NOT_FOUND)
                .findFirst()
                .orElseThrow();
        assertThat(missing.details().missingSchoolIds()).containsExactly("MXX");
    }

    @Test
    void detailListsOfASuccessOutcomeAreFailuresToo() {
        book.apply(Outcomes.thresholdHeld("maple", "MHS"), T0);
        book.apply(Outcomes.invalidRecords("maple", "MMS"), T0);

        assertThat(book.open())
                .extracting(Incident::id)
                .containsExactlyInAnyOrder("MAP/maple/MHS/THRESHOLD", "MAP/maple/MMS/VALIDATION");
    }

    @Test
    void resolvesWhenALaterOutcomeOfTheSameUnitLacksTheFailure() {
        book.apply(Outcomes.thresholdHeld("maple", "MHS"), T0);

        List<Incident> changed = book.apply(Outcomes.snapshotReady("maple", "MHS"), T0.plusSeconds(60));

        assertThat(changed).singleElement().satisfies(i -> {
            assertThat(i.isOpen()).isFalse();
            assertThat(i.resolvedAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(book.open()).isEmpty();
    }

    @Test
    void anotherUnitsSuccessLeavesTheIncidentOpen() {
        book.apply(Outcomes.thresholdHeld("maple", "MHS"), T0);

        book.apply(Outcomes.snapshotReady("maple", "MMS"), T0.plusSeconds(60));
        book.apply(Outcomes.snapshotReady("oak", "MHS"), T0.plusSeconds(60));

        assertThat(book.open()).extracting(Incident::id).containsExactly("MAP/maple/MHS/THRESHOLD");
    }

    @Test
    void aRepeatedFailureRefreshesTheSameIncident() {
        book.apply(Outcomes.thresholdHeld("maple", "MHS"), T0);
        book.apply(Outcomes.thresholdHeld("maple", "MHS"), T0.plusSeconds(60));

        assertThat(book.open()).singleElement().satisfies(i -> {
            assertThat(i.openedAt()).isEqualTo(T0);
            assertThat(i.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void fileFailureInsideASuccessfulUploadIsItsOwnIncident() {
        var failure = new FileFailure("users.csv", 12, "role", "unknown role");
        book.apply(Outcomes.publish("maple", "clever-maple", OutcomeReason.UPLOADED, T0, List.of(failure)), T0);

        assertThat(book.open()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("PUBLISH/maple/clever-maple/FILE_FAILED");
            assertThat(i.details().fileFailures()).containsExactly(failure);
        });
    }

    @Test
    void validationIsSummarisedPerFileWithAFewIdsAndNoValues() {
        book.apply(Outcomes.invalidRecords("maple", "MMS"), T0);

        assertThat(book.open().get(0).details().validation())
                .containsExactly(
                        new IncidentDetails.ValidationSummary(
                                "users.csv", 2, List.of("stu-1", "stu-2"), List.of("username: required")),
                        new IncidentDetails.ValidationSummary(
                                "enrollments.csv", 1, List.of("enr-9"), List.of("classSourcedId: unknown class")));
    }

    @Test
    void districtWithoutASuccessfulCycleForTooLongIsStaleUntilItCompletesOneAgain() {
        Map<String, java.time.Instant> lastSuccess = Map.of("maple", T0, "oak", T0.plus(Duration.ofHours(5)));

        List<Incident> opened = book.checkStale(lastSuccess, T0.plus(Duration.ofHours(6)), Duration.ofHours(2));
        List<Incident> again = book.checkStale(lastSuccess, T0.plus(Duration.ofHours(7)), Duration.ofHours(2));

        assertThat(opened).extracting(Incident::id).containsExactly("MONITOR/maple/STALE");
        assertThat(again).isEmpty();
        assertThat(opened.get(0).details().staleFor()).isEqualTo(Duration.ofHours(6));

        List<Incident> resolved = book.checkStale(
                Map.of("maple", T0.plus(Duration.ofHours(8)), "oak", T0.plus(Duration.ofHours(8))),
                T0.plus(Duration.ofHours(8)),
                Duration.ofHours(2));
        assertThat(resolved).extracting(Incident::id).containsExactly("MONITOR/maple/STALE");
        assertThat(book.open()).isEmpty();
    }

    @Test
    void aFailedUploadDoesNotEndStaleness() {
        book.checkStale(Map.of("maple", T0), T0.plus(Duration.ofHours(3)), Duration.ofHours(2));

        book.apply(
                Outcomes.publish("maple", "clever-maple", OutcomeReason.DESTINATION_CREDENTIALS, T0, List.of()),
                T0.plus(Duration.ofHours(4)));

        assertThat(book.open())
                .extracting(Incident::reason)
                .containsExactlyInAnyOrder(OutcomeReason.STALE, OutcomeReason.DESTINATION_CREDENTIALS);
    }
}
