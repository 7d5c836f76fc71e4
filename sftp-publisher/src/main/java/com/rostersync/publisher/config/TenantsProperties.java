package com.rostersync.publisher.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code rostersync.tenants.*}: the tenant registry file every service reads, and how often it is checked. */
@Validated
@ConfigurationProperties("rostersync.tenants")
public record TenantsProperties(@NotNull Path file, @NotNull @DefaultValue("5s") Duration pollInterval) {}
