package com.rostersync.mapper.state;

/** One changelog write: a key and its new value, or null to delete the key (a tombstone). */
public record StateWrite(String key, StateEntry value) {

    public static StateWrite put(StateEntry entry) {
        return new StateWrite(entry.key(), entry);
    }

    public static StateWrite delete(String key) {
        return new StateWrite(key, null);
    }
}
