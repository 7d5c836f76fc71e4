package com.rostersync.events.outcome;

/** The pipeline stage that reports an outcome. */
public enum Stage {
    EXTRACT,
    MAP,
    PUBLISH,
    MONITOR
}
