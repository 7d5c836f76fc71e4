package com.rostersync.events;

/** The source-neutral roster entities, in the order a consumer can apply them without dangling references. */
public enum EntityType {
    SCHOOL,
    TERM,
    COURSE,
    SECTION,
    PERSON,
    ENROLLMENT,
    DEMOGRAPHICS
}
