package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;

/** The pipeline stage that reports an outcome. */
public enum Stage {
    EXTRACT,
    MAP,
    PUBLISH,
    MONITOR,
    /** A constant of a newer revision of the contract, which this build does not know (see {@link #fromWire}). */
    UNKNOWN;

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static Stage fromWire(String name) {
        return WireEnums.read(Stage.class, name, UNKNOWN);
    }
}
