package com.rostersync.events.roster;

/** How a section's meetings repeat (seed: Basic/simple, Weekly and Bi-weekly schedules). */
public enum ScheduleType {
    /** Meets Monday to Friday at the same time and place. */
    SIMPLE,
    /** Meets at different times or places during the week. */
    WEEKLY,
    /** Like weekly, over a two-week cycle (meetings carry week 1 or 2). */
    BIWEEKLY
}
