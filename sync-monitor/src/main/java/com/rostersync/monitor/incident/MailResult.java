package com.rostersync.monitor.incident;

import java.util.Locale;

/** What became of one incident e-mail; the lower-case name is the {@code result} tag of the mail metric. */
public enum MailResult {
    /** The mail server accepted the mail for at least one recipient. */
    SENT,
    /** The mail server could not be reached or refused the mail for every recipient. */
    FAILED,
    /** The district is unknown even after reloading the registry, or lists no leaders. */
    NO_RECIPIENT;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
