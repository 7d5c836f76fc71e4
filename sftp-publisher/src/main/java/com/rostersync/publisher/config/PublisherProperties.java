package com.rostersync.publisher.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rostersync.publisher.*}: how many destinations upload at once, how long any wait may last (so one hanging
 * server never holds the others), how long an unused SFTP session stays open, how an unreachable destination is retried, the suffix of temporary files, and how long a destination waits for
 * every school of a running tenant cycle ({@code cycleWait}) before it is uploaded without the missing ones.
 */
@Validated
@ConfigurationProperties("rostersync.publisher")
public record PublisherProperties(
        @Min(1) @Max(256) @DefaultValue("8") int poolSize,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("15s") Duration authTimeout,
        @NotNull @DefaultValue("60s") Duration transferTimeout,
        @NotNull @DefaultValue("2m") Duration idleTimeout,
        @Valid @NotNull @DefaultValue Retry retry,
        @NotBlank @DefaultValue(".rostersync-part") String temporarySuffix,
        @NotNull @DefaultValue("5m") Duration cycleWait) {

    /** A cached session is closed after {@code idleTimeout} unused; until then it is kept alive (SftpTimeouts). */
    @AssertTrue(message = "rostersync.publisher.idle-timeout must be positive")
    public boolean isIdleTimeoutPositive() {
        return idleTimeout == null || (!idleTimeout.isNegative() && !idleTimeout.isZero());
    }

    /**
     * @param maxAttempts    attempts per upload cycle before DESTINATION_UNAVAILABLE is reported
     * @param initialBackoff wait after the first failed attempt, doubled after each further one
     * @param maxBackoff     longest wait between two attempts
     * @param jitter         share (0..1) by which a wait is randomly shortened
     * @param recoverAfter   after a reported outage, when the next cycle starts by itself
     */
    public record Retry(
            @Min(1) @Max(20) @DefaultValue("4") int maxAttempts,
            @NotNull @DefaultValue("1s") Duration initialBackoff,
            @NotNull @DefaultValue("30s") Duration maxBackoff,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double jitter,
            @NotNull @DefaultValue("2m") Duration recoverAfter) {}
}
