package com.rostersync.extractor;

import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.CycleScheduler;
import com.rostersync.extractor.cycle.TenantCycle;
import com.rostersync.extractor.kafka.ExtractorKafka;
import com.rostersync.extractor.kafka.HashStateRestorer;
import com.rostersync.extractor.kafka.KafkaCyclePublisher;
import com.rostersync.extractor.kafka.TenantGroupListener;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.DropFolderWatcher;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.source.csv.SftpDropFetcher;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import com.rostersync.kernel.kafka.KeyOwnership;
import com.rostersync.kernel.task.ServiceThreads;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.TenantRegistryWatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the extractor: sources, change detection, Kafka edges and the scheduler, all from validated properties; the
 * tenant registry, secrets and topic declarations are the kernel's.
 */
@Configuration(proxyBeanMethods = false)
class ExtractorConfiguration {

    /** How often drop folders are registered again: one not there at start, one recreated or swapped behind a link. */
    private static final Duration DROP_REFRESH = Duration.ofMinutes(1);

    @Bean
    HashState hashState() {
        return new HashState();
    }

    @Bean
    KafkaTemplate<String, Object> extractorEventTemplate(KafkaProperties kafka, JsonMapper json, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, Object> factory =
                ExtractorKafka.eventProducerFactory(kafka.buildProducerProperties(), json);
        factory.addListener(new MicrometerProducerListener<>(meters));
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(factory);
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    KafkaTemplate<String, String> extractorStateTemplate(KafkaProperties kafka, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, String> factory =
                ExtractorKafka.stateProducerFactory(kafka.buildProducerProperties());
        factory.addListener(new MicrometerProducerListener<>(meters));
        // Not observed: it carries one hash per record (KafkaCyclePublisher).
        return new KafkaTemplate<>(factory);
    }

    @Bean
    HashStateRestorer hashStateRestorer(KafkaProperties kafka, ExtractorProperties extractor) {
        return new HashStateRestorer(
                new CompactedTopicReader(kafka.buildConsumerProperties()), extractor.stateReadTimeout());
    }

    @Bean(destroyMethod = "close")
    JdbcRosterSource jdbcRosterSource(
            SecretResolver secrets, ExtractorProperties extractor, HashState state, TenantRegistryWatcher registry) {
        JdbcRosterSource jdbc = new JdbcRosterSource(secrets, extractor.callTimeout(), state, Clock.systemUTC());
        registry.onChange(changed -> jdbc.retainOnly(changed.tenants()));
        return jdbc;
    }

    @Bean
    TenantCycle tenantCycle(
            JdbcRosterSource jdbc,
            SecretResolver secrets,
            ExtractorProperties extractor,
            HashState state,
            KafkaTemplate<String, Object> extractorEventTemplate,
            KafkaTemplate<String, String> extractorStateTemplate,
            MeterRegistry meters) {
        // A changed drop is read once its newest file is as old as a settled folder's, so a cycle cannot take a file
        // halfway through its writing.
        RosterSource csv = new CsvDropRosterSource(
                new FolderDropFetcher(extractor.dropSettle(), Clock.systemUTC()),
                new SftpDropFetcher(secrets, extractor.callTimeout(), extractor.dropSettle(), Clock.systemUTC()),
                meters);
        return new TenantCycle(
                tenant -> tenant.source().type() == SourceType.JDBC ? jdbc : csv,
                new ChangeDetector(new ContentHasher()::hash),
                state,
                new KafkaCyclePublisher(extractorEventTemplate, extractorStateTemplate),
                meters,
                Clock.systemUTC(),
                extractor.callTimeout(),
                extractor.repeatReportEvery());
    }

    @Bean
    KeyOwnership tenantOwnership() {
        return new KeyOwnership(ExtractorKafka.TENANTS_TOPIC);
    }

    @Bean
    CycleScheduler cycleScheduler(
            TenantRegistryWatcher registry,
            TenantCycle cycle,
            ExtractorProperties extractor,
            SecretWatcher secrets,
            KeyOwnership ownership,
            ObjectProvider<DropFolderWatcher> watcher,
            ServiceThreads threads) {
        // A queue of none still holds the one due cycle handed over while the last thread finishes.
        ThreadPoolTaskExecutor workers =
                threads.pool("extractor-cycle", extractor.cyclesAtOnce(), Math.max(1, extractor.queueCapacity()));
        CycleScheduler scheduler = new CycleScheduler(
                registry::current,
                cycle::run,
                workers.getThreadPoolExecutor(),
                extractor.cycleTimeout(),
                Clock.systemUTC(),
                ownership::owns,
                // Looked up at a cycle's start: the watcher is made after this scheduler, whose cycles it brings
                // forward.
                tenant -> watcher.getObject().interval(tenant));
        secrets.onChange(names -> registry.current().tenants().stream()
                .filter(tenant ->
                        SecretWatcher.secretNames(tenant.source()).stream().anyMatch(names::contains))
                .forEach(tenant -> scheduler.runSoon(tenant.id())));
        return scheduler;
    }

    /** Brings a folder drop's cycle forward once the district's new files are in place, whatever its sync interval. */
    @Bean(destroyMethod = "close")
    DropFolderWatcher dropFolderWatcher(
            TenantRegistryWatcher registry,
            CycleScheduler scheduler,
            ExtractorProperties extractor,
            ServiceThreads threads) {
        DropFolderWatcher watcher = new DropFolderWatcher(
                scheduler::runSoon, extractor.dropSettle(), DROP_REFRESH, extractor.watchedDropInterval());
        if (extractor.watchDrops()) {
            watcher.watch(registry.current().tenants());
            registry.onChange(changed -> watcher.watch(changed.tenants()));
            threads.pool("extractor-drop-watcher", 1, 0).execute(watcher);
        }
        return watcher;
    }

    /** The kernel declared every topic before this bean starts, so the tenant group finds its topic at once. */
    @Bean
    ExtractorLifecycle extractorLifecycle(
            CycleScheduler scheduler, ServiceThreads threads, ExtractorProperties extractor) {
        return new ExtractorLifecycle(
                scheduler, threads.timer("extractor-scheduler").getScheduledExecutor(), extractor.tick());
    }

    /**
     * Tenants move between instances with the group's partitions; a running cycle of a tenant given up may finish
     * within the group's rebalance timeout (max.poll.interval.ms, 5 minutes by default), then it is interrupted.
     */
    @Bean(TenantGroupListener.CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> tenantGroupContainerFactory(
            KafkaProperties kafka,
            ExtractorProperties extractor,
            KeyOwnership ownership,
            HashStateRestorer restorer,
            HashState state,
            CycleScheduler scheduler) {
        Duration limit = Duration.ofMinutes(4);
        Duration grace = extractor.cycleTimeout().compareTo(limit) < 0 ? extractor.cycleTimeout() : limit;
        return ExtractorKafka.tenantGroupContainerFactory(
                kafka.buildConsumerProperties(), ownership, restorer, state, scheduler, grace);
    }

    @Bean
    TenantGroupListener tenantGroupListener() {
        return new TenantGroupListener();
    }
}
