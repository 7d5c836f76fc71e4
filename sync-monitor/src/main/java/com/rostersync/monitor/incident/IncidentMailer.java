package com.rostersync.monitor.incident;

/** Sends one incident e-mail to the district's leaders. */
public interface IncidentMailer {

    /**
     * Never throws: the result says whether the mail server accepted the mail for at least one recipient. Only
     * {@link MailResult#SENT} marks the incident as announced; anything else is retried with backoff.
     */
    MailResult send(MailKind kind, Incident incident);
}
