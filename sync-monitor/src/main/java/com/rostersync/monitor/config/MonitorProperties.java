package com.rostersync.monitor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rostersync.monitor.*}: when a district is stale, how often open incidents are re-mailed and where the approval
 * links point. Who may use the console and the API is {@code rostersync.monitor.security.*}.
 *
 * @param staleAfter       no successful upload for longer than this opens a STALE incident
 * @param reminderInterval how often an open incident is re-mailed; also the flap guard (docs/monitor.md)
 * @param checkInterval    how often the STALE check and due reminders run
 * @param publicBaseUrl    the base of the links in e-mails (the approval API as the leaders reach it)
 * @param mailFrom         sender address of incident e-mails
 * @param mailRetry        how a mail that was refused or had no recipient is retried
 */
@Validated
@ConfigurationProperties("rostersync.monitor")
public record MonitorProperties(
        @NotNull @DefaultValue("2h") Duration staleAfter,
        @NotNull @DefaultValue("1d") Duration reminderInterval,
        @NotNull @DefaultValue("30s") Duration checkInterval,
        @NotNull @DefaultValue("http://localhost:8084") URI publicBaseUrl,
        @NotBlank @DefaultValue("roster-sync@localhost") String mailFrom,
        @Valid @DefaultValue MailRetry mailRetry) {

    /**
     * An undelivered incident mail is retried after {@code initial}, doubling up to {@code max}; after
     * {@code maxAttempts} undelivered attempts, once per reminder interval.
     */
    public record MailRetry(
            @NotNull @DefaultValue("30s") Duration initial,
            @NotNull @DefaultValue("30m") Duration max,
            @Min(1) @DefaultValue("10") int maxAttempts) {}
}
