package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;

/** An upsert carries the whole new record; a delete means the source no longer has it (archive downstream). */
public enum ChangeKind {
    UPSERT,
    DELETE,
    /** A constant of a newer revision of the contract, which this build does not know (see {@link #fromWire}). */
    UNKNOWN;

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static ChangeKind fromWire(String name) {
        return WireEnums.read(ChangeKind.class, name, UNKNOWN);
    }
}
