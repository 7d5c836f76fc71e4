package com.rostersync.extractor.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.cycle.ChangeCounts;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    final ContentHasher hasher = new ContentHasher();
    final ChangeDetector detector = new ChangeDetector(hasher::hash);
    final School s1 = new School("S1", "Maple High", null, null, null);

    @Test
    void newRecordIsAnUpsertAndUnchangedOneIsNothing() {
        SchoolChanges first = detector.detect("S1", List.of(s1), new SchoolHashes(), Set.of(), Map.of());
        assertThat(first.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.UPSERT);
            assertThat(c.hash()).isEqualTo(hasher.hash(s1));
        });

        SchoolChanges second = detector.detect("S1", List.of(s1), published(first), Set.of(), Map.of());
        assertThat(second.isEmpty()).isTrue();
        assertThat(second.counts()).containsEntry(EntityType.SCHOOL, new ChangeCounts(1, 0, 0));
    }

    @Test
    void vanishedRecordIsADelete() {
        SchoolChanges first = detector.detect("S1", List.of(s1), new SchoolHashes(), Set.of(), Map.of());

        SchoolChanges second = detector.detect("S1", List.of(), published(first), Set.of(), Map.of());

        assertThat(second.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
            assertThat(c.record()).isNull();
        });
        assertThat(second.counts()).containsEntry(EntityType.SCHOOL, new ChangeCounts(0, 0, 1));
    }

    @Test
    void carriedForwardTypeLosesNothingButStillTakesUpserts() {
        School other = new School("S9", "Other", null, null, null);
        SchoolChanges first = detector.detect("S1", List.of(s1), new SchoolHashes(), Set.of(), Map.of());

        SchoolChanges second =
                detector.detect("S1", List.of(other), published(first), Set.of(EntityType.SCHOOL), Map.of());

        assertThat(second.changes())
                .extracting(Change::kind, Change::sourcedId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.UPSERT, "S9"));
        assertThat(second.counts()).containsEntry(EntityType.SCHOOL, new ChangeCounts(2, 1, 0));
        assertThat(second.carriedForward()).containsExactly(EntityType.SCHOOL);
    }

    @Test
    void brokenRecordIsNeitherUpdatedNorDeleted() {
        SchoolChanges first = detector.detect("S1", List.of(s1), new SchoolHashes(), Set.of(), Map.of());
        School renamed = new School("S1", "Renamed", null, null, null);

        assertThat(detector.detect("S1", List.of(), published(first), Set.of(), Map.of(EntityType.SCHOOL, Set.of("S1")))
                        .changes())
                .isEmpty();
        assertThat(detector.detect(
                                "S1",
                                List.of(renamed),
                                published(first),
                                Set.of(),
                                Map.of(EntityType.SCHOOL, Set.of("S1")))
                        .changes())
                .isEmpty();
    }

    @Test
    void afterAnIncrementalReadOnlyTheAbsentIdsAreDeletedAndTheTotalCountsWhatIsPublished() {
        School s2 = new School("S2", "Maple Middle", null, null, null);
        School s3 = new School("S3", "Maple Elementary", null, null, null);
        SchoolChanges first = detector.detect("D", List.of(s1, s2, s3), new SchoolHashes(), Set.of(), Map.of());
        School renamed = new School("S1", "Maple High School", null, null, null);

        // Only S1 was read again (it changed) and S3 was found gone; S2 was not read at all and must stay.
        SchoolChanges second = detector.detect(
                "D", List.of(renamed), Map.of(EntityType.SCHOOL, Set.of("S3")), published(first), Set.of(), Map.of());

        assertThat(second.changes())
                .extracting(Change::kind, Change::sourcedId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ChangeKind.UPSERT, "S1"),
                        org.assertj.core.groups.Tuple.tuple(ChangeKind.DELETE, "S3"));
        assertThat(second.counts()).containsEntry(EntityType.SCHOOL, new ChangeCounts(2, 1, 1));
    }

    @Test
    void hashIgnoresMapOrder() {
        var a = new com.rostersync.events.roster.Person(
                "P",
                List.of("S1"),
                null,
                "u",
                true,
                "g",
                "f",
                null,
                null,
                null,
                null,
                null,
                List.of(),
                new java.util.LinkedHashMap<>(Map.of("A", "1")),
                List.of());
        java.util.LinkedHashMap<String, String> ids = new java.util.LinkedHashMap<>();
        ids.put("B", "2");
        ids.put("A", "1");
        java.util.LinkedHashMap<String, String> reversed = new java.util.LinkedHashMap<>();
        reversed.put("A", "1");
        reversed.put("B", "2");
        assertThat(hasher.hash(withIds(a, ids))).isEqualTo(hasher.hash(withIds(a, reversed)));
    }

    private static RosterRecord withIds(com.rostersync.events.roster.Person p, Map<String, String> ids) {
        return new com.rostersync.events.roster.Person(
                p.sourcedId(),
                p.orgSourcedIds(),
                p.role(),
                p.username(),
                p.enabled(),
                p.givenName(),
                p.familyName(),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                ids,
                List.of());
    }

    private static SchoolHashes published(SchoolChanges changes) {
        HashState state = new HashState();
        state.apply("t", "S1", changes.changes());
        return state.school("t", "S1");
    }
}
