package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Which tenant cycle an event belongs to, and every school that cycle published changes for. A school's snapshot and
 * its MAP outcome carry it on, so the publisher can wait until every school of a destination that took part in the
 * cycle is mapped before it uploads: one upload per destination and cycle, never a set mixing two cycles.
 * {@code startedAt} orders the cycles of one tenant (the extractor runs them one after another).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantCycleRef(String cycleId, Instant startedAt, List<String> schoolIds) {

    public TenantCycleRef {
        schoolIds = schoolIds == null ? List.of() : List.copyOf(schoolIds);
    }
}
