package com.rostersync.events.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How many records a run created, updated, archived, held for approval and left out (invalid). An extract counts the
 * changes it published; a publish counts the records in the files it uploaded as {@code created + updated} only when
 * it knows them, else zeros.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunCounts(long created, long updated, long archived, long held, long leftOut) {

    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0);
}
