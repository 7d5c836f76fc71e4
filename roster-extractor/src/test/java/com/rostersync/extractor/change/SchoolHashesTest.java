package com.rostersync.extractor.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SchoolHashesTest {

    final SchoolHashes hashes = new SchoolHashes();

    @Test
    void answersAsAMapOfIdsToHashesWouldThroughManyPutsOverwritesAndRemovals() {
        Map<String, String> expected = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            // Ids of varied length and a few non-ASCII ones, from a small space so that ids come back after removal.
            String id = "stu-" + random.nextInt(5_000) + (random.nextInt(10) == 0 ? "-é" : "");
            int action = random.nextInt(10);
            if (action < 6) {
                String hash = "h" + random.nextInt(4);
                hashes.put(EntityType.PERSON, id, hash);
                expected.put(id, hash);
            } else {
                hashes.remove(EntityType.PERSON, id);
                expected.remove(id);
            }
            if (step % 20_000 == 0) {
                assertThat(hashes.ids(EntityType.PERSON)).isEqualTo(new TreeSet<>(expected.keySet()));
            }
        }
        assertThat(hashes.count(EntityType.PERSON)).isEqualTo(expected.size());
        assertThat(hashes.ids(EntityType.PERSON)).isEqualTo(new TreeSet<>(expected.keySet()));
        expected.forEach((id, hash) -> {
            assertThat(hashes.matches(EntityType.PERSON, id, hash)).as(id).isTrue();
            assertThat(hashes.matches(EntityType.PERSON, id, hash + "x")).as(id).isFalse();
        });
        for (int i = 0; i < 5_000; i++) {
            String id = "stu-" + i;
            assertThat(hashes.contains(EntityType.PERSON, id)).as(id).isEqualTo(expected.containsKey(id));
        }
    }

    @Test
    void keepsTypesApartAndForgetsEverythingRemoved() {
        hashes.put(EntityType.PERSON, "X", "h");
        hashes.put(EntityType.DEMOGRAPHICS, "X", "d");

        assertThat(hashes.matches(EntityType.PERSON, "X", "d")).isFalse();
        assertThat(hashes.matches(EntityType.DEMOGRAPHICS, "X", "d")).isTrue();
        assertThat(hashes.contains(EntityType.ENROLLMENT, "X")).isFalse();

        hashes.remove(EntityType.PERSON, "X");
        hashes.remove(EntityType.DEMOGRAPHICS, "X");
        hashes.remove(EntityType.ENROLLMENT, "never there");

        assertThat(hashes.isEmpty()).isTrue();
        assertThat(hashes.count(EntityType.PERSON)).isZero();
    }

    @Test
    void aRecordIsNeverTakenForUnchangedWhenItsHashDiffers() {
        ContentHasher hasher = new ContentHasher();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String id = "P" + i;
            String hash =
                    hasher.hash(new com.rostersync.events.roster.School(id, "n" + random.nextLong(), null, null, null));
            hashes.put(EntityType.SCHOOL, id, hash);
        }
        for (int i = 0; i < 20_000; i++) {
            String other = hasher.hash(new com.rostersync.events.roster.School("P" + i, "changed", null, null, null));
            assertThat(hashes.matches(EntityType.SCHOOL, "P" + i, other)).isFalse();
        }
    }
}
