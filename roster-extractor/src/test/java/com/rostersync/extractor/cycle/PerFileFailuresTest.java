package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.extractor.change.EmptyTypeGuard;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A failed file carries its type forward; the outcome counts the roster files among the failures. */
class PerFileFailuresTest {

    @Test
    void aSchoolCarriesForwardWhatTheSourceFailedAndWhatTheEmptyTypeGuardHolds() {
        EmptyTypeGuard.Verdict empty = new EmptyTypeGuard.Verdict(
                Set.of(EntityType.ENROLLMENT),
                List.of(new FileFailure("enrollment query", 0, null, "no rows for school S2")));

        PerFileFailures.CarriedForward carried = PerFileFailures.forSchool(
                Set.of(EntityType.PERSON), Map.of(EntityType.SECTION, Set.of("SEC-9")), empty);

        assertThat(carried.types()).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.ENROLLMENT);
        assertThat(carried.ids()).containsExactly(Map.entry(EntityType.SECTION, Set.of("SEC-9")));
    }

    @Test
    void onlyOneRosterFilesAndQueriesHaveRecordsToCarryForward() {
        assertThat(PerFileFailures.describe(List.of(
                        new FileFailure("users.csv", 3, "role", "unknown role"),
                        new FileFailure("grades.xlsx", 0, null, "unknown file name for a OneRoster 1.1 drop"),
                        new FileFailure("notes.txt", 0, null, "unknown file name for a OneRoster 1.1 drop"))))
                .isEqualTo("; 1 file problem(s), their records carried forward"
                        + "; 2 file(s) that are not OneRoster files ignored: grades.xlsx, notes.txt");
        assertThat(PerFileFailures.describe(
                        List.of(new FileFailure("notes.txt", 0, null, "unknown file name for a OneRoster 1.1 drop"))))
                .doesNotContain("carried forward");
        assertThat(PerFileFailures.describe(List.of(new FileFailure(
                        "enrollment query", 0, null, "the enrollment query returned no rows for school S2"))))
                .as("a type a JDBC source read empty is carried forward")
                .isEqualTo("; 1 file problem(s), their records carried forward");
        assertThat(PerFileFailures.describe(List.of())).isEmpty();
    }
}
