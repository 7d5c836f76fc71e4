package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.util.List;

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
        List<String> periods)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.SECTION;
    }
}
