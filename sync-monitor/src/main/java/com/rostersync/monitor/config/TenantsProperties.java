package com.rostersync.monitor.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code rostersync.tenants.*}, common to all services: where the tenant registry is and how often to re-read it. */
@Validated
@ConfigurationProperties("rostersync.tenants")
public record TenantsProperties(@NotNull Path file, @NotNull @DefaultValue("5s") Duration pollInterval) {}
