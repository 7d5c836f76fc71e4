package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the extractor publishes on {@link com.rostersync.events.Topics#ROSTER_CHANGES}: record changes of one school
 * cycle, then the marker that the cycle is complete. Both share a topic so that, keyed by school, the marker always
 * arrives after the changes it closes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RecordChanged.class, name = "RecordChanged"),
    @JsonSubTypes.Type(value = CycleCompleted.class, name = "CycleCompleted")
})
public sealed interface RosterChangeEvent permits RecordChanged, CycleCompleted {

    int schemaVersion();

    Integer schemaMinor();

    String tenantId();

    String schoolId();

    String cycleId();
}
