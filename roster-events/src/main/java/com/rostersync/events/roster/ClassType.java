package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;

/** OneRoster class types. */
public enum ClassType {
    HOMEROOM,
    SCHEDULED,
    /** A constant of a newer revision of the contract, which this build does not know (see {@link #fromWire}). */
    UNKNOWN;

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static ClassType fromWire(String name) {
        return WireEnums.read(ClassType.class, name, UNKNOWN);
    }
}
