package com.rostersync.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The source-neutral roster entities, in the order a consumer can apply them without dangling references. */
public enum EntityType {
    SCHOOL,
    TERM,
    COURSE,
    SECTION,
    PERSON,
    ENROLLMENT,
    DEMOGRAPHICS,
    /** A constant of a newer revision of the contract, which this build does not know (see {@link #fromWire}). */
    UNKNOWN;

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static EntityType fromWire(String name) {
        return WireEnums.read(EntityType.class, name, UNKNOWN);
    }
}
