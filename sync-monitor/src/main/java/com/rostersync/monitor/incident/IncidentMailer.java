package com.rostersync.monitor.incident;

/** Sends one incident e-mail to the district's leaders. */
public interface IncidentMailer {

    /**
     * @return false when the district has no leaders to tell (nothing sent, nothing to retry)
     * @throws RuntimeException when the mail could not be handed to the mail server (to be retried)
     */
    boolean send(MailKind kind, Incident incident);
}
