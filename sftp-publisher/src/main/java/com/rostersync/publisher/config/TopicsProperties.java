package com.rostersync.publisher.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code rostersync.topics.*}: partitions and replicas of the topics this service declares. */
@Validated
@ConfigurationProperties("rostersync.topics")
public record TopicsProperties(@Min(1) @DefaultValue("3") int partitions, @Min(1) @DefaultValue("1") int replicas) {}
