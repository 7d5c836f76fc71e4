package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;
import java.time.LocalDate;

/** An academic session of a school; {@code schoolYear} is the ending year, as OneRoster counts it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Term(
        String sourcedId,
        String schoolSourcedId,
        String title,
        TermType type,
        LocalDate startDate,
        LocalDate endDate,
        String parentSourcedId,
        int schoolYear)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.TERM;
    }
}
