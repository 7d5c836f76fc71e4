package com.rostersync.monitor.incident;

/** What the district leaders were last told about an incident; mails go out only to change what they know. */
enum Announcement {
    NONE,
    OPENED,
    RESOLVED
}
