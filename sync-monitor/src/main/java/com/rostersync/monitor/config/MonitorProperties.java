package com.rostersync.monitor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rostersync.monitor.*}: when a district is stale, how often open incidents are re-mailed, where the approval
 * links point, and who may use the approval API.
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
        @Valid @DefaultValue Api api,
        @Valid @DefaultValue MailRetry mailRetry) {

    /**
     * An undelivered incident mail is retried after {@code initial}, doubling up to {@code max}; after
     * {@code maxAttempts} undelivered attempts, once per reminder interval.
     */
    public record MailRetry(
            @NotNull @DefaultValue("30s") Duration initial,
            @NotNull @DefaultValue("30m") Duration max,
            @Min(1) @DefaultValue("10") int maxAttempts) {}

    /**
     * The approval API's credentials: operator name to token. Empty (the default) means the API refuses every
     * request; it is never open by default. A token is accepted as {@code Authorization: Bearer <token>} or as the
     * password of HTTP basic auth with the operator name as user; the operator name is what the audit records. Tokens shorter than 16 characters fail start-up.
     */
    public record Api(@DefaultValue Map<String, @NotBlank @Size(min = 16) String> tokens) {

        public Api {
            tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
        }

        @Override
        public String toString() {
            return "Api[operators=" + tokens.keySet() + "]";
        }
    }
}
