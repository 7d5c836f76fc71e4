package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.time.LocalDate;

/** A person's enrollment in a section. {@code primary} is null when the source does not say. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Enrollment(
        String sourcedId,
        String schoolSourcedId,
        String sectionSourcedId,
        String personSourcedId,
        Role role,
        Boolean primary,
        LocalDate beginDate,
        LocalDate endDate)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.ENROLLMENT;
    }
}
