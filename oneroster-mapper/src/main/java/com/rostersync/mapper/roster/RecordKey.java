package com.rostersync.mapper.roster;

import com.rostersync.events.EntityType;
import java.util.Comparator;

/** Identifies one record inside a school's roster: its entity type and its sourcedId. */
public record RecordKey(EntityType type, String sourcedId) implements Comparable<RecordKey> {

    private static final Comparator<RecordKey> ORDER =
            Comparator.comparing(RecordKey::type).thenComparing(RecordKey::sourcedId);

    /** {@code PERSON/S-1}: the key as the school's metadata stores it. */
    public String text() {
        return type.name() + "/" + sourcedId;
    }

    @Override
    public int compareTo(RecordKey other) {
        return ORDER.compare(this, other);
    }
}
