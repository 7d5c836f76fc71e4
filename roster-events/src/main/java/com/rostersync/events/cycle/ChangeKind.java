package com.rostersync.events.cycle;

/** An upsert carries the whole new record; a delete means the source no longer has it (archive downstream). */
public enum ChangeKind {
    UPSERT,
    DELETE
}
