package com.rostersync.extractor.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import org.junit.jupiter.api.Test;

class HashStatePlacementTest {

    final HashState state = new HashState();

    @Test
    void knowsEverySchoolARecordWasPublishedInUntilItLeavesThem() {
        state.put("maple", "S1", EntityType.PERSON, "P1", "h1");
        state.put("maple", "S2", EntityType.PERSON, "P1", "h1");
        state.put("maple", "S1", EntityType.PERSON, "P1", "h2");

        assertThat(state.schoolsOf("maple", EntityType.PERSON, "P1")).containsExactlyInAnyOrder("S1", "S2");

        state.remove("maple", "S2", EntityType.PERSON, "P1");
        assertThat(state.schoolsOf("maple", EntityType.PERSON, "P1")).containsExactly("S1");

        state.remove("maple", "S1", EntityType.PERSON, "P1");
        assertThat(state.schoolsOf("maple", EntityType.PERSON, "P1")).isEmpty();
        assertThat(state.school("maple", "S1").ids(EntityType.PERSON)).isEmpty();
    }

    @Test
    void keepsTenantsAndTypesApart() {
        state.put("maple", "S1", EntityType.PERSON, "X", "h");
        state.put("birch", "S9", EntityType.DEMOGRAPHICS, "X", "h");

        assertThat(state.schoolsOf("maple", EntityType.PERSON, "X")).containsExactly("S1");
        assertThat(state.schoolsOf("maple", EntityType.DEMOGRAPHICS, "X")).isEmpty();
        assertThat(state.schoolsOf("birch", EntityType.DEMOGRAPHICS, "X")).containsExactly("S9");
    }
}
