package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;

/** What a map run did with one record, as listed in its change report. */
public enum ChangeAction {
    CREATED,
    UPDATED,
    ARCHIVED,
    /** Its archive, update or create waits for an operator's approval (a threshold or re-keyed ids). */
    HELD,
    /** Left out of the files because it broke a rule, named in the row. */
    LEFT_OUT,
    /** A constant of a newer revision of the contract, which this build does not know. */
    UNKNOWN;

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static ChangeAction fromWire(String name) {
        return WireEnums.read(ChangeAction.class, name, UNKNOWN);
    }
}
