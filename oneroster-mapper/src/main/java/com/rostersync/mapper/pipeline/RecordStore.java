package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.mapper.state.StateEntry;
import com.rostersync.mapper.state.StateEntry.Slot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records store, holding each {@link StateEntry} as its JSON (the changelog's bytes). Between snapshots most
 * published records are the current ones: such a published entry is stored as a one-byte mark, {@link #SAME_AS_CURRENT},
 * and read as the current entry's record, neither encoded nor decoded again. That halves what RocksDB compacts and the
 * changelog carries. Before a current entry changes or goes, a mark on its published entry is replaced by the bytes of
 * the record it stood for, so a published entry always says what the receiver last got.
 */
final class RecordStore {

    /** The value of a published entry whose record is the current entry's. Not JSON: no older reader mistakes it. */
    static final byte[] SAME_AS_CURRENT = {'='};

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
        School all = new School(new ArrayList<>(), new HashMap<>());
        read(school + Keys.SEPARATOR, all);
        return all;
    }

    /** The school's entries of {@code types} only, one key range per type. */
    School school(String school, Set<EntityType> types) {
        School part = new School(new ArrayList<>(), new HashMap<>());
        for (EntityType type : types) {
            read(school + Keys.SEPARATOR + type.name() + Keys.SEPARATOR, part);
        }
        return part;
    }

    /** Whether the record at {@code currentKey} went out in the last snapshot (its published entry exists). */
    boolean isPublished(String currentKey) {
        return store.get(currentKey + StateEntry.PUBLISHED_SUFFIX) != null;
    }

    private void read(String prefix, School into) {
        List<StateEntry> entries = into.entries();
        Map<String, byte[]> currentBytes = into.currentBytes();
        Map<String, StateEntry> currents = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(prefix, KEYS)) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> stored = all.next();
                boolean mark = Arrays.equals(stored.value, SAME_AS_CURRENT);
                // A current key sorts before its published key, so the scan has already read it.
                String currentKey = stored.key.endsWith(StateEntry.PUBLISHED_SUFFIX) ? currentKeyOf(stored.key) : null;
                StateEntry current = currentKey == null ? null : currents.get(currentKey);
                if (mark && current == null) {
                    throw new IllegalStateException(
                            "published entry " + stored.key + " stands for a current entry that is not stored");
                }
                // Published entries written in full by an earlier version are shared the same way when equal.
                StateEntry entry = mark || (current != null && sameButSlot(currentBytes.get(currentKey), stored.value))
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
                if (entry.slot() == Slot.CURRENT) {
                    currents.put(stored.key, entry);
                    currentBytes.put(stored.key, stored.value);
                }
            }
        }
    }

    /** Stores a record as the source holds it now, or a published one that is not the current record. */
    void put(StateEntry entry) {
        if (entry.slot() == Slot.CURRENT) {
            keepPublished(entry.key());
        }
        store.put(entry.key(), json.writeValueAsBytes(entry));
    }

    /**
     * Stores {@code entry}, a published entry whose record is the very one of the current entry stored as
     * {@code currentBytes} (null when there is none).
     */
    void putPublished(StateEntry entry, byte[] currentBytes) {
        if (currentBytes == null || entry.schemaVersion() != SchemaVersion.CURRENT) {
            put(entry);
        } else {
            store.put(entry.key(), SAME_AS_CURRENT);
        }
    }

    void delete(String key) {
        if (!key.endsWith(StateEntry.PUBLISHED_SUFFIX)) {
            keepPublished(key);
        }
        store.delete(key);
    }

    /** The current entry at {@code currentKey} is about to change: a published mark standing for it gets its bytes. */
    private void keepPublished(String currentKey) {
        String publishedKey = currentKey + StateEntry.PUBLISHED_SUFFIX;
        if (!Arrays.equals(store.get(publishedKey), SAME_AS_CURRENT)) {
            return;
        }
        byte[] current = store.get(currentKey);
        if (current == null) {
            // Cannot happen while every change of a current entry passes here; the school's cycle will say so.
            return;
        }
        byte[] published = asPublished(current);
        if (published == null) {
            StateEntry entry = json.readValue(current, StateEntry.class);
            published = json.writeValueAsBytes(new StateEntry(
                    entry.schemaVersion(),
                    entry.tenantId(),
                    entry.schoolId(),
                    Slot.PUBLISHED,
                    entry.entityType(),
                    entry.sourcedId(),
                    entry.record(),
                    null));
        }
        store.put(publishedKey, published);
    }

    private static String currentKeyOf(String publishedKey) {
        return publishedKey.substring(0, publishedKey.length() - StateEntry.PUBLISHED_SUFFIX.length());
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

    /** Whether {@code published} is {@link #asPublished} of {@code current}, compared in place. */
    static boolean sameButSlot(byte[] current, byte[] published) {
        if (current == null || published.length != current.length - AS_CURRENT.length + AS_PUBLISHED.length) {
            return false;
        }
        int at = indexOf(current, AS_CURRENT);
        if (at < 0) {
            return false;
        }
        int rest = at + AS_CURRENT.length;
        return Arrays.equals(current, 0, at, published, 0, at)
                && Arrays.equals(AS_PUBLISHED, 0, AS_PUBLISHED.length, published, at, at + AS_PUBLISHED.length)
                && Arrays.equals(current, rest, current.length, published, at + AS_PUBLISHED.length, published.length);
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
