package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.events.EntityType;

/**
 * Deletions held for one entity type: {@code toArchive} of {@code total} records in the last published snapshot
 * ({@code percent} of them) exceed {@code allowed} at {@code thresholdPercent}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThresholdBreach(
        EntityType entityType, long toArchive, long total, long allowed, double percent, double thresholdPercent) {}
