package com.rostersync.events.roster;

/** OneRoster class types. */
public enum ClassType {
    HOMEROOM,
    SCHEDULED
}
