package com.rostersync.mapper.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Where the tenant registry is ({@code rostersync.tenants.file}) and how often it is checked for changes. */
@Validated
@ConfigurationProperties("rostersync.tenants")
public record TenantsProperties(@NotNull Path file, @NotNull @DefaultValue("5s") Duration pollInterval) {}
