package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.util.List;
import java.util.Map;

/**
 * A section (OneRoster class) with its meeting times. The period that reaches the files is decided by the mapper from
 * {@code scheduleType} and {@code meetings} (seed rule: simple schedules send their period, weekly and bi-weekly send
 * the earliest meeting's). {@code period} is set only by sources that already resolved it (a OneRoster CSV drop).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Section(
        String sourcedId,
        String schoolSourcedId,
        String courseSourcedId,
        List<String> termSourcedIds,
        String title,
        String classCode,
        ClassType classType,
        String location,
        List<String> grades,
        List<String> subjects,
        List<String> subjectCodes,
        ScheduleType scheduleType,
        List<Meeting> meetings,
        List<String> periods,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public Section {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public Section(
            String sourcedId,
            String schoolSourcedId,
            String courseSourcedId,
            List<String> termSourcedIds,
            String title,
            String classCode,
            ClassType classType,
            String location,
            List<String> grades,
            List<String> subjects,
            List<String> subjectCodes,
            ScheduleType scheduleType,
            List<Meeting> meetings,
            List<String> periods) {
        this(
                sourcedId,
                schoolSourcedId,
                courseSourcedId,
                termSourcedIds,
                title,
                classCode,
                classType,
                location,
                grades,
                subjects,
                subjectCodes,
                scheduleType,
                meetings,
                periods,
                Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.SECTION;
    }
}
