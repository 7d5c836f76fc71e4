package com.rostersync.mapper.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.state.StateEntry.Slot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The changelog outlives the code that wrote it: entries round-trip, and a newer writer's extra fields are ignored. */
class StateEntryCompatibilityTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void recordsAndMetadataRoundTripWithAFieldFromANewerVersion() {
        StateEntry person =
                StateEntry.record("maple", "MHS", Slot.PUBLISHED, EntityType.PERSON, "T-1", Fixtures.teacher());
        StateEntry meta = StateEntry.meta(
                "maple", "MHS", new SchoolMeta(7, "abc", true, Map.of(EntityType.PERSON, 51L), false, 51L));

        StateEntry readPerson = json.readValue(withFutureField(person), StateEntry.class);
        StateEntry readMeta = json.readValue(withFutureField(meta), StateEntry.class);

        assertThat(readPerson).isEqualTo(person);
        assertThat(readMeta).isEqualTo(meta);
        assertThat(readPerson.key()).isEqualTo("maple/MHS/PERSON/T-1#published");
        assertThat(readMeta.key()).isEqualTo("maple/MHS#meta");
    }

    @Test
    void foldRebuildsCurrentPublishedAndMetadataPerSchool() {
        var current = StateEntry.record("maple", "MHS", Slot.CURRENT, EntityType.SCHOOL, "MHS", Fixtures.school());
        var published = StateEntry.record("maple", "MHS", Slot.PUBLISHED, EntityType.SCHOOL, "MHS", Fixtures.school());
        var meta = StateEntry.meta(
                "maple", "MHS", new SchoolMeta(3, "h", false, Map.of(EntityType.PERSON, 2L), true, null));
        Map<String, SchoolRoster> rosters = SchoolStateFold.fold(List.of(current, published, meta));
        SchoolRoster roster = rosters.get("maple/MHS");
        assertThat(roster.current()).containsOnlyKeys(new RecordKey(EntityType.SCHOOL, "MHS"));
        assertThat(roster.published()).containsOnlyKeys(new RecordKey(EntityType.SCHOOL, "MHS"));
        assertThat(roster.meta().version()).isEqualTo(3);
        assertThat(roster.meta().pendingCycle()).isTrue();
        assertThat(roster.meta().heldTotal()).isEqualTo(2);
    }

    @Test
    void foldKeepsSchoolsApartWhenTheirEntriesAlternateAndSchoolIdsRepeatAcrossTenants() {
        var mapleMhs = StateEntry.record("maple", "MHS", Slot.CURRENT, EntityType.SCHOOL, "MHS", Fixtures.school());
        var oakMhs = StateEntry.record("oak", "MHS", Slot.CURRENT, EntityType.TERM, "T1", Fixtures.school());
        var maplePublished =
                StateEntry.record("maple", "MHS", Slot.PUBLISHED, EntityType.SCHOOL, "MHS", Fixtures.school());
        var oakOther = StateEntry.record("oak", "OHS", Slot.CURRENT, EntityType.SCHOOL, "OHS", Fixtures.school());

        Map<String, SchoolRoster> rosters = SchoolStateFold.fold(List.of(mapleMhs, oakMhs, maplePublished, oakOther));

        assertThat(rosters).containsOnlyKeys("maple/MHS", "oak/MHS", "oak/OHS");
        assertThat(rosters.get("maple/MHS").current()).containsOnlyKeys(new RecordKey(EntityType.SCHOOL, "MHS"));
        assertThat(rosters.get("maple/MHS").published()).containsOnlyKeys(new RecordKey(EntityType.SCHOOL, "MHS"));
        assertThat(rosters.get("oak/MHS").current()).containsOnlyKeys(new RecordKey(EntityType.TERM, "T1"));
        assertThat(rosters.get("oak/MHS").tenantId()).isEqualTo("oak");
        assertThat(rosters.get("oak/OHS").current()).containsOnlyKeys(new RecordKey(EntityType.SCHOOL, "OHS"));
    }

    private String withFutureField(StateEntry entry) {
        ObjectNode node = (ObjectNode) json.readTree(json.writeValueAsString(entry));
        node.put("addedInVersion2", "ignored");
        return node.toString();
    }
}
