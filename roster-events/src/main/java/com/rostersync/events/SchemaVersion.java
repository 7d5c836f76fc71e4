package com.rostersync.events;

/**
 * The schema version every event carries. Consumers ignore fields they do not know, so a newer producer can add fields
 * within a major version; removing or retyping a field means a new topic line.
 */
public final class SchemaVersion {

    public static final int CURRENT = 1;

    private SchemaVersion() {}
}
