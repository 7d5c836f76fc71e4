package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;

/** How a section's meetings repeat (seed: Basic/simple, Weekly and Bi-weekly schedules). */
public enum ScheduleType {
    /** Meets Monday to Friday at the same time and place. */
    SIMPLE,
    /** Meets at different times or places during the week. */
    WEEKLY,
    /** Like weekly, over a two-week cycle (meetings carry week 1 or 2). */
    BIWEEKLY,
    /** A constant of a newer revision of the contract, which this build does not know (see {@link #fromWire}). */
    UNKNOWN;

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static ScheduleType fromWire(String name) {
        return WireEnums.read(ScheduleType.class, name, UNKNOWN);
    }
}
