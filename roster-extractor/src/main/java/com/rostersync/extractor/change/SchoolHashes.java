package com.rostersync.extractor.change;

import com.rostersync.events.EntityType;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What was last published for one school: per record type, each sourcedId with the fingerprint of its content hash.
 * The change detector compares a read with it; {@link HashState} holds one per school.
 */
public final class SchoolHashes {

    private static final EntityType[] TYPES = EntityType.values();

    private final PublishedTable[] byType = new PublishedTable[TYPES.length];

    public boolean contains(EntityType type, String sourcedId) {
        PublishedTable table = byType[type.ordinal()];
        return table != null && table.contains(sourcedId);
    }

    boolean contains(EntityType type, byte[] key, int hash) {
        PublishedTable table = byType[type.ordinal()];
        return table != null && table.contains(key, hash);
    }

    /** Whether the record was published with exactly this content hash (a record not published never matches). */
    public boolean matches(EntityType type, String sourcedId, String hash) {
        PublishedTable table = byType[type.ordinal()];
        return table != null && table.matches(sourcedId, hash);
    }

    public int count(EntityType type) {
        PublishedTable table = byType[type.ordinal()];
        return table == null ? 0 : table.size();
    }

    public boolean isEmpty() {
        for (PublishedTable table : byType) {
            if (table != null && table.size() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Every published sourcedId of the type, in no particular order. */
    public void forEachId(EntityType type, Consumer<String> action) {
        PublishedTable table = byType[type.ordinal()];
        if (table != null) {
            table.forEachId(action);
        }
    }

    /** A sorted copy of the published sourcedIds of the type. */
    public Set<String> ids(EntityType type) {
        Set<String> ids = new TreeSet<>();
        forEachId(type, ids::add);
        return ids;
    }

    public void put(EntityType type, String sourcedId, String hash) {
        PublishedTable table = byType[type.ordinal()];
        if (table == null) {
            table = new PublishedTable();
            byType[type.ordinal()] = table;
        }
        table.put(sourcedId, hash);
    }

    public void remove(EntityType type, String sourcedId) {
        PublishedTable table = byType[type.ordinal()];
        if (table != null) {
            table.remove(sourcedId);
        }
    }

    long size() {
        long size = 0;
        for (PublishedTable table : byType) {
            size += table == null ? 0 : table.size();
        }
        return size;
    }
}
