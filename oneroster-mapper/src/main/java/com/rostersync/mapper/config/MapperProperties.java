package com.rostersync.mapper.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Mapper settings under {@code rostersync.mapper}.
 *
 * @param quietPeriod       how long a school's cycle-complete marker waits for more before the snapshot is built, so a
 *                          burst of cycles gives one snapshot
 * @param retryDelay        how long to wait before retrying a school whose snapshot could not be sent
 * @param sourceSystemName  manifest {@code source.systemName}
 * @param sourceSystemCode  manifest {@code source.systemCode}
 * @param stateDir          Kafka Streams state directory (RocksDB stores); unset: {@code spring.kafka.streams.state-dir},
 *                          else Kafka Streams' default under {@code java.io.tmpdir}, one folder per application id
 * @param streamThreads     stream threads of this instance (schools are spread over them by partition); as many as
 *                          the topics have partitions (3 by default), since a thread with two of three tasks does
 *                          two thirds of the work while the other waits
 */
@Validated
@ConfigurationProperties("rostersync.mapper")
public record MapperProperties(
        @NotNull @DefaultValue("300ms") Duration quietPeriod,
        @NotNull @DefaultValue("5s") Duration retryDelay,
        @NotBlank @DefaultValue("RosterSync") String sourceSystemName,
        @NotBlank @DefaultValue("rostersync") String sourceSystemCode,
        String stateDir,
        @Positive @DefaultValue("3") int streamThreads) {}
