package com.rostersync.mapper.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Partitions and replicas of the topics this service declares ({@code rostersync.topics.*}). */
@Validated
@ConfigurationProperties("rostersync.topics")
public record TopicsProperties(@Min(1) @DefaultValue("3") int partitions, @Min(1) @DefaultValue("1") short replicas) {}
