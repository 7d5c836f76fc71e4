package com.rostersync.mapper.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

    @Test
    void keysSortByTypeInDeclarationOrderThenBySourcedId() {
        List<RecordKey> keys = List.of(
                new RecordKey(EntityType.ENROLLMENT, "a"),
                new RecordKey(EntityType.PERSON, "s-2"),
                new RecordKey(EntityType.SCHOOL, "z"),
                new RecordKey(EntityType.PERSON, "s-10"),
                new RecordKey(EntityType.PERSON, "S-3"));

        assertThat(new ArrayList<>(new TreeSet<>(keys)))
                .containsExactly(
                        new RecordKey(EntityType.SCHOOL, "z"),
                        new RecordKey(EntityType.PERSON, "S-3"),
                        new RecordKey(EntityType.PERSON, "s-10"),
                        new RecordKey(EntityType.PERSON, "s-2"),
                        new RecordKey(EntityType.ENROLLMENT, "a"));
    }

    @Test
    void onlyTheSameTypeAndSourcedIdCompareEqual() {
        RecordKey person = new RecordKey(EntityType.PERSON, "s-1");

        assertThat(person.compareTo(new RecordKey(EntityType.PERSON, "s-1"))).isZero();
        assertThat(person.compareTo(new RecordKey(EntityType.ENROLLMENT, "s-1")))
                .isNegative();
        assertThat(person.compareTo(new RecordKey(EntityType.PERSON, "s-0"))).isPositive();
    }
}
