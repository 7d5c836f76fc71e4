package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aPublishedEntryWrittenFromTheCurrentBytesIsTheBytesJacksonWouldWrite() {
        StateEntry current = entry(Slot.CURRENT, Fixtures.student("S1", "Ann", "Lee, \"Jr\""));
        StateEntry published = entry(Slot.PUBLISHED, current.record());
        store.put(current);

        store.putPublished(published, bytes.get(current.key()));

        assertThat(bytes.get(published.key())).isEqualTo(json.writeValueAsBytes(published));
    }

    @Test
    void aPublishedRecordEqualToTheCurrentOneSharesItAndAChangedOneIsReadOnItsOwn() {
        Person same = Fixtures.student("S1", "Ann", "Lee");
        Person renamedNow = Fixtures.student("S2", "Bo", "Renamed");
        Person renamedBefore = Fixtures.student("S2", "Bo", "Smith");
        store.put(entry(Slot.CURRENT, same));
        store.put(entry(Slot.PUBLISHED, same));
        store.put(entry(Slot.CURRENT, renamedNow));
        store.put(entry(Slot.PUBLISHED, renamedBefore));
        store.put(entry(Slot.PUBLISHED, Fixtures.student("S3", "Cy", "Gone")));

        List<StateEntry> entries =
                store.school(Fixtures.TENANT + "/" + Fixtures.SCHOOL).entries();

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

    private static StateEntry entry(Slot slot, com.rostersync.events.roster.RosterRecord record) {
        return StateEntry.record(Fixtures.TENANT, Fixtures.SCHOOL, slot, EntityType.PERSON, record.sourcedId(), record);
    }
}
