package com.rostersync.events.cycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Per entity type: how many records the source holds now, and how many were upserted or deleted this cycle. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeCounts(long total, long upserted, long deleted) {}
