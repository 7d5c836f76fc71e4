package com.rostersync.kernel.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code rostersync.*} properties every service shares, bound once by the kernel so that no service keeps its own
 * copy (the services' own settings live under {@code rostersync.<service>.*}). docs/operations.md lists them.
 *
 * @param tenants where the tenant registry is and how often it is checked for changes
 * @param secrets the folder of mounted secret files, looked up after the environment
 * @param topics  how the platform's topics are created and checked at start-up
 */
@Validated
@ConfigurationProperties("rostersync")
public record RosterSyncProperties(
        @Valid @NotNull Tenants tenants,
        @Valid @NotNull @DefaultValue Secrets secrets,
        @Valid @NotNull @DefaultValue Topics topics) {

    public record Tenants(@NotNull Path file, @NotNull @DefaultValue("5s") Duration pollInterval) {}

    public record Secrets(@NotNull @DefaultValue("/run/secrets") Path dir) {}

    /**
     * @param partitions       partitions of every topic; an existing topic with fewer fails start-up
     * @param replicas         replication factor of every topic
     * @param snapshotMaxBytes largest snapshot message: topic {@code max.message.bytes} of the snapshot topics,
     *                         producer {@code max.request.size} of the mapper, fetch size of the publisher
     * @param declareTimeout   how long start-up waits for the broker to declare and check the topics
     * @param historyRetention how long the sync history (runs and change reports) is kept: {@code retention.ms} of
     *                         their time-retained topics, at least one hour
     */
    public record Topics(
            @Min(1) @DefaultValue("3") int partitions,
            @Min(1) @Max(Short.MAX_VALUE) @DefaultValue("1") short replicas,
            @Positive @DefaultValue("16777216") int snapshotMaxBytes,
            @NotNull @DefaultValue("60s") Duration declareTimeout,
            @NotNull @DurationMin(hours = 1) @DefaultValue("90d") Duration historyRetention) {}
}
