package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.time.LocalDate;
import java.util.Map;

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
        int schoolYear,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public Term {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public Term(
            String sourcedId,
            String schoolSourcedId,
            String title,
            TermType type,
            LocalDate startDate,
            LocalDate endDate,
            String parentSourcedId,
            int schoolYear) {
        this(sourcedId, schoolSourcedId, title, type, startDate, endDate, parentSourcedId, schoolYear, Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.TERM;
    }
}
