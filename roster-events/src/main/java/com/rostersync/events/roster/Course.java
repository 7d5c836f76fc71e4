package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.util.List;
import java.util.Map;

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
        List<String> subjectCodes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public Course {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public Course(
            String sourcedId,
            String schoolSourcedId,
            String schoolYearSourcedId,
            String title,
            String courseCode,
            List<String> grades,
            List<String> subjects,
            List<String> subjectCodes) {
        this(
                sourcedId,
                schoolSourcedId,
                schoolYearSourcedId,
                title,
                courseCode,
                grades,
                subjects,
                subjectCodes,
                Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.COURSE;
    }
}
