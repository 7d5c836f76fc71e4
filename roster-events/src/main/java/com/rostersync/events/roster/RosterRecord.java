package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.rostersync.events.EntityType;
import java.util.Map;

/**
 * One canonical roster record, whatever the source (SIS database or OneRoster CSV drop). Logical type names go on the
 * wire, never Java class names. Passwords are not part of the canonical model at all: they never leave the source.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "entity")
@JsonSubTypes({
    @JsonSubTypes.Type(value = School.class, name = "SCHOOL"),
    @JsonSubTypes.Type(value = Term.class, name = "TERM"),
    @JsonSubTypes.Type(value = Course.class, name = "COURSE"),
    @JsonSubTypes.Type(value = Section.class, name = "SECTION"),
    @JsonSubTypes.Type(value = Person.class, name = "PERSON"),
    @JsonSubTypes.Type(value = Enrollment.class, name = "ENROLLMENT"),
    @JsonSubTypes.Type(value = Demographics.class, name = "DEMOGRAPHICS")
})
public sealed interface RosterRecord permits School, Term, Course, Section, Person, Enrollment, Demographics {

    String sourcedId();

    EntityType entityType();

    /**
     * OneRoster extension columns ({@code metadata.<name>} after the standard ones) by name without the prefix;
     * empty for every source that has none. Left out of the JSON when empty, so a record without extensions hashes
     * as it did before they existed and an upgrade republishes nothing.
     */
    Map<String, String> metadata();
}
