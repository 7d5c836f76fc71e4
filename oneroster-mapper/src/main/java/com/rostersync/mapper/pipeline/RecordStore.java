package com.rostersync.mapper.pipeline;

import com.rostersync.events.SchemaVersion;
import com.rostersync.mapper.state.StateEntry;
import com.rostersync.mapper.state.StateEntry.Slot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records store, holding each {@link StateEntry} as its JSON (the changelog's bytes). Between snapshots most
 * published records are the current ones, and their two entries differ only in the slot: such a published entry is
 * not decoded again but shares the current entry's record, and it is written as the current entry's bytes with the
 * slot changed rather than encoded again. Decoding the school's entries was the mapper's largest cost when a change
 * touched every school.
 */
final class RecordStore {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final byte[] AS_CURRENT = "\"slot\":\"CURRENT\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AS_PUBLISHED = "\"slot\":\"PUBLISHED\"".getBytes(StandardCharsets.UTF_8);

    private final KeyValueStore<String, byte[]> store;
    private final JsonMapper json;

    RecordStore(KeyValueStore<String, byte[]> store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    /** One school's entries, and the stored bytes of its current ones by key. */
    record School(List<StateEntry> entries, Map<String, byte[]> currentBytes) {}

    School school(String school) {
        List<StateEntry> entries = new ArrayList<>();
        Map<String, byte[]> currentBytes = new HashMap<>();
        String currentKey = null;
        StateEntry current = null;
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(school + "/", KEYS)) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> stored = all.next();
                StateEntry entry = current != null
                                && stored.key.equals(currentKey + StateEntry.PUBLISHED_SUFFIX)
                                && Arrays.equals(stored.value, asPublished(currentBytes.get(currentKey)))
                        ? new StateEntry(
                                current.schemaVersion(),
                                current.tenantId(),
                                current.schoolId(),
                                Slot.PUBLISHED,
                                current.entityType(),
                                current.sourcedId(),
                                current.record(),
                                null)
                        : json.readValue(stored.value, StateEntry.class);
                entries.add(entry);
                current = null;
                if (entry.slot() == Slot.CURRENT) {
                    currentKey = stored.key;
                    current = entry;
                    currentBytes.put(stored.key, stored.value);
                }
            }
        }
        return new School(entries, currentBytes);
    }

    void put(StateEntry entry) {
        store.put(entry.key(), json.writeValueAsBytes(entry));
    }

    /**
     * Stores {@code entry}, a published entry whose record is the very one of the current entry stored as
     * {@code currentBytes} (null when there is none).
     */
    void putPublished(StateEntry entry, byte[] currentBytes) {
        byte[] derived = entry.schemaVersion() == SchemaVersion.CURRENT ? asPublished(currentBytes) : null;
        if (derived == null) {
            put(entry);
        } else {
            store.put(entry.key(), derived);
        }
    }

    void delete(String key) {
        store.delete(key);
    }

    /** The bytes of a current entry with its slot made PUBLISHED; null when it has none or not as Jackson wrote it. */
    static byte[] asPublished(byte[] current) {
        int at = current == null ? -1 : indexOf(current, AS_CURRENT);
        if (at < 0) {
            return null;
        }
        byte[] published = new byte[current.length - AS_CURRENT.length + AS_PUBLISHED.length];
        System.arraycopy(current, 0, published, 0, at);
        System.arraycopy(AS_PUBLISHED, 0, published, at, AS_PUBLISHED.length);
        int rest = at + AS_CURRENT.length;
        System.arraycopy(current, rest, published, at + AS_PUBLISHED.length, current.length - rest);
        return published;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
