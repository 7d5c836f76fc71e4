package com.rostersync.publisher.config;

import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.kernel.overrides.TenantOverrideFollower;
import com.rostersync.kernel.overrides.TenantOverridesConfiguration;
import com.rostersync.kernel.task.ServiceThreads;
import com.rostersync.publisher.publish.OutcomeSink;
import com.rostersync.publisher.publish.PublishCoordinator;
import com.rostersync.publisher.publish.PublishMetrics;
import com.rostersync.publisher.publish.PublishedStateStore;
import com.rostersync.publisher.publish.UploadRetries;
import com.rostersync.publisher.upload.AtomicSftpUploader;
import com.rostersync.publisher.upload.DestinationUploader;
import com.rostersync.publisher.upload.SftpSessionFactories;
import com.rostersync.publisher.upload.SftpTimeouts;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.TenantRegistryWatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires the plain publishing classes to the registry, SFTP and Kafka edges (the registry beans are the kernel's). The
 * registry the publisher decides on is the file's as operators override it (mode and pauses set in the console).
 */
@Configuration(proxyBeanMethods = false)
@Import(TenantOverridesConfiguration.class)
class PublisherConfiguration {

    @Bean(destroyMethod = "close")
    SftpSessionFactories sftpSessionFactories(
            SecretResolver secrets, PublisherProperties publisher, ServiceThreads threads) {
        return new SftpSessionFactories(
                secrets,
                new SftpTimeouts(
                        publisher.connectTimeout(),
                        publisher.authTimeout(),
                        publisher.transferTimeout(),
                        publisher.idleTimeout()),
                threads.timer("sftp-idle-closer"));
    }

    @Bean
    DestinationUploader destinationUploader(SftpSessionFactories factories, PublisherProperties publisher) {
        return new AtomicSftpUploader(factories, publisher.temporarySuffix());
    }

    @Bean
    PublishMetrics publishMetrics(MeterRegistry registry) {
        return new PublishMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    PublishCoordinator publishCoordinator(
            TenantRegistryWatcher watcher,
            TenantOverrideFollower overrides,
            DestinationUploader uploader,
            OutcomeSink outcomes,
            PublishedStateStore stateStore,
            PublishMetrics metrics,
            PublisherProperties publisher,
            SftpSessionFactories factories,
            SecretWatcher secrets,
            KeyOwnership ownership,
            ServiceThreads threads) {
        PublisherProperties.Retry retry = publisher.retry();
        PublishCoordinator coordinator = new PublishCoordinator(
                () -> overrides.applyTo(watcher.current()),
                uploader,
                outcomes,
                stateStore,
                metrics,
                UploadRetries.exponential(
                        retry.maxAttempts(),
                        retry.initialBackoff(),
                        retry.maxBackoff(),
                        retry.jitter(),
                        retry.recoverAfter()),
                threads.pool("publisher-upload", publisher.poolSize(), Integer.MAX_VALUE)
                        .getThreadPoolExecutor(),
                threads.timer("publisher-timer").getScheduledExecutor(),
                Clock.systemUTC(),
                ownership::owns,
                publisher.cycleWait());
        watcher.onChange(registry -> {
            factories.retainOnly(registry.tenants().stream()
                    .flatMap(t -> t.destinations().stream())
                    .map(DestinationAccount::id)
                    .collect(Collectors.toSet()));
            coordinator.onRegistryChange();
        });
        overrides.onChange(coordinator::onRegistryChange);
        secrets.onChange(coordinator::onSecretsChanged);
        secrets.afterEachCheck(coordinator::retryRefusedWithNewCredentials);
        return coordinator;
    }
}
