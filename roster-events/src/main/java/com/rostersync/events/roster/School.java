package com.rostersync.events.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;

/** A school, and the district it belongs to (null district for a school that is its own account). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record School(String sourcedId, String name, String identifier, String districtSourcedId, String districtName)
        implements RosterRecord {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.SCHOOL;
    }
}
