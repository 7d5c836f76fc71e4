package com.rostersync.monitor.incident;

/** What the district leaders were last told about an incident; mails go out only to change what they know. */
public enum Announcement {
    NONE,
    OPENED,
    RESOLVED
}
