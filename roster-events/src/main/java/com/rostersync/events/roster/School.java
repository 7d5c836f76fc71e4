package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.rostersync.events.EntityType;
import java.util.Map;

/** A school, and the district it belongs to (null district for a school that is its own account). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record School(
        String sourcedId,
        String name,
        String identifier,
        String districtSourcedId,
        String districtName,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata)
        implements RosterRecord {

    public School {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without extension columns: what every source but a OneRoster drop with {@code metadata.*} columns has. */
    public School(String sourcedId, String name, String identifier, String districtSourcedId, String districtName) {
        this(sourcedId, name, identifier, districtSourcedId, districtName, Map.of());
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.SCHOOL;
    }
}
