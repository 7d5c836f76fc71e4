package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.time.LocalDate;
import java.util.Map;

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
        LocalDate endDate,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public Enrollment {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public Enrollment(
            String sourcedId,
            String schoolSourcedId,
            String sectionSourcedId,
            String personSourcedId,
            Role role,
            Boolean primary,
            LocalDate beginDate,
            LocalDate endDate) {
        this(
                sourcedId,
                schoolSourcedId,
                sectionSourcedId,
                personSourcedId,
                role,
                primary,
                beginDate,
                endDate,
                Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.ENROLLMENT;
    }
}
