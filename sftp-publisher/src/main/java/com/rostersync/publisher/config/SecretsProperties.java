package com.rostersync.publisher.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code rostersync.secrets.dir}: the folder of mounted secret files, looked up after the environment. */
@Validated
@ConfigurationProperties("rostersync.secrets")
public record SecretsProperties(@NotNull @DefaultValue("/run/secrets") Path dir) {}
