package com.rostersync.events.roster;

/** OneRoster academic session types. */
public enum TermType {
    SCHOOL_YEAR,
    SEMESTER,
    TERM,
    GRADING_PERIOD
}
