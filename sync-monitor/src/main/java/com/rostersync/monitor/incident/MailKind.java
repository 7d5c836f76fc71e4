package com.rostersync.monitor.incident;

import java.util.Locale;

/** The three e-mails an incident can cause; the lower-case name is the {@code kind} tag of the e-mail metric. */
public enum MailKind {
    OPENED,
    REMINDER,
    RESOLVED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
