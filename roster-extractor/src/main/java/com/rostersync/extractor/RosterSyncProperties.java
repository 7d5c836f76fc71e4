package com.rostersync.extractor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The properties every service shares ({@code rostersync.tenants|secrets|topics.*}), as docs/operations.md lists them. */
@Validated
@ConfigurationProperties("rostersync")
public record RosterSyncProperties(
        @Valid @NotNull Tenants tenants, @Valid @DefaultValue Secrets secrets, @Valid @DefaultValue Topics topics) {

    public record Tenants(@NotNull Path file, @DefaultValue("5s") @NotNull Duration pollInterval) {}

    public record Secrets(@DefaultValue("/run/secrets") Path dir) {}

    public record Topics(@DefaultValue("3") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicas) {}
}
