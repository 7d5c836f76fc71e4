package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.EntityType;
import com.rostersync.events.roster.Person;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.state.StateEntry;
import com.rostersync.mapper.state.StateEntry.Slot;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RecordStoreTest {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    private KeyValueStore<String, byte[]> bytes;
    private RecordStore store;

    @BeforeEach
    void openStore() {
        bytes = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("records"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        bytes.init(context.getStateStoreContext(), bytes);
        store = new RecordStore(bytes, json);
    }

    @Test
    void aPublishedRecordThatIsTheCurrentOneIsStoredAsAMarkAndReadAsThatRecord() {
        StateEntry current = entry(Slot.CURRENT, Fixtures.student("S1", "Ann", "Lee, \"Jr\""));
        store.put(current);

        store.putPublished(entry(Slot.PUBLISHED, current.record()), bytes.get(current.key()));

        assertThat(bytes.get(current.key() + StateEntry.PUBLISHED_SUFFIX)).isEqualTo(RecordStore.SAME_AS_CURRENT);
        List<StateEntry> entries = school();
        assertThat(entries).extracting(StateEntry::slot).containsExactly(Slot.CURRENT, Slot.PUBLISHED);
        assertThat(entries.get(1).record()).isSameAs(entries.get(0).record());
        assertThat(entries.get(1)).isEqualTo(entry(Slot.PUBLISHED, current.record()));
    }

    @Test
    void aCurrentRecordChangedOrDeletedAfterPublishingLeavesThePublishedOneAsTheReceiverGotIt() {
        Person before = Fixtures.student("S1", "Ann", "Lee");
        Person leaving = Fixtures.student("S2", "Bo", "Smith");
        for (Person published : List.of(before, leaving)) {
            StateEntry current = entry(Slot.CURRENT, published);
            store.put(current);
            store.putPublished(entry(Slot.PUBLISHED, published), bytes.get(current.key()));
        }

        store.put(entry(Slot.CURRENT, Fixtures.student("S1", "Ann", "Renamed")));
        store.delete(entry(Slot.CURRENT, leaving).key());

        assertThat(school())
                .extracting(e -> e.slot() + " " + e.sourcedId() + " " + ((Person) e.record()).familyName())
                .containsExactly("CURRENT S1 Renamed", "PUBLISHED S1 Lee", "PUBLISHED S2 Smith");
        assertThat(bytes.get(entry(Slot.PUBLISHED, before).key()))
                .as("written out in full, as Jackson writes it")
                .isEqualTo(json.writeValueAsBytes(entry(Slot.PUBLISHED, before)));
    }

    @Test
    void aMarkWhoseCurrentEntryIsMissingFailsTheSchoolNamingTheEntry() {
        String published =
                entry(Slot.PUBLISHED, Fixtures.student("S9", "Di", "Orphan")).key();
        bytes.put(published, RecordStore.SAME_AS_CURRENT);

        assertThatThrownBy(this::school)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(published);
    }

    @Test
    void aPublishedEntryWrittenInFullByAnEarlierVersionSharesAnEqualCurrentRecordAndAChangedOneIsReadOnItsOwn() {
        Person same = Fixtures.student("S1", "Ann", "Lee");
        Person renamedNow = Fixtures.student("S2", "Bo", "Renamed");
        Person renamedBefore = Fixtures.student("S2", "Bo", "Smith");
        store.put(entry(Slot.CURRENT, same));
        store.put(entry(Slot.PUBLISHED, same));
        store.put(entry(Slot.CURRENT, renamedNow));
        store.put(entry(Slot.PUBLISHED, renamedBefore));
        store.put(entry(Slot.PUBLISHED, Fixtures.student("S3", "Cy", "Gone")));

        List<StateEntry> entries = school();

        assertThat(entries)
                .extracting(e -> e.slot() + " " + e.sourcedId() + " " + ((Person) e.record()).familyName())
                .containsExactly(
                        "CURRENT S1 Lee",
                        "PUBLISHED S1 Lee",
                        "CURRENT S2 Renamed",
                        "PUBLISHED S2 Smith",
                        "PUBLISHED S3 Gone");
        assertThat(entries.get(1).record()).isSameAs(entries.get(0).record());
        assertThat(entries.get(3).record()).isNotSameAs(entries.get(2).record());
    }

    private List<StateEntry> school() {
        return store.school(Fixtures.TENANT + "/" + Fixtures.SCHOOL).entries();
    }

    private static StateEntry entry(Slot slot, com.rostersync.events.roster.RosterRecord record) {
        return StateEntry.record(Fixtures.TENANT, Fixtures.SCHOOL, slot, EntityType.PERSON, record.sourcedId(), record);
    }
}
