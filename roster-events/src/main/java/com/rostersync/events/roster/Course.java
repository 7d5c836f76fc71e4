package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.util.List;

/** A course offered by a school. Grades use the CEDS vocabulary (KG, 01..12, ...). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Course(
        String sourcedId,
        String schoolSourcedId,
        String schoolYearSourcedId,
        String title,
        String courseCode,
        List<String> grades,
        List<String> subjects,
        List<String> subjectCodes)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.COURSE;
    }
}
