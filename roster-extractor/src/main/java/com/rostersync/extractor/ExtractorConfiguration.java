package com.rostersync.extractor;

import com.rostersync.events.Topics;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.CycleScheduler;
import com.rostersync.extractor.cycle.TenantCycle;
import com.rostersync.extractor.kafka.ExtractorKafka;
import com.rostersync.extractor.kafka.HashStateRestorer;
import com.rostersync.extractor.kafka.KafkaCyclePublisher;
import com.rostersync.extractor.kafka.TenantGroupListener;
import com.rostersync.extractor.kafka.TenantOwnership;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.source.csv.SftpDropFetcher;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.SecretWatcher;
import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.TenantRegistryWatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import tools.jackson.databind.json.JsonMapper;

/** Wires the extractor: sources, change detection, Kafka edges and the scheduler, all from validated properties. */
@Configuration(proxyBeanMethods = false)
class ExtractorConfiguration {

    @Bean(destroyMethod = "close")
    TenantRegistryWatcher tenantRegistryWatcher(RosterSyncProperties properties) {
        return new TenantRegistryWatcher(
                properties.tenants().file(), properties.tenants().pollInterval());
    }

    @Bean
    SecretResolver secretResolver(RosterSyncProperties properties) {
        return SecretResolver.fromSystem(properties.secrets().dir());
    }

    @Bean
    HashState hashState() {
        return new HashState();
    }

    @Bean
    KafkaTemplate<String, Object> extractorEventTemplate(KafkaProperties kafka, JsonMapper json, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, Object> factory =
                ExtractorKafka.eventProducerFactory(kafka.buildProducerProperties(), json);
        factory.addListener(new MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    KafkaTemplate<String, String> extractorStateTemplate(KafkaProperties kafka, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, String> factory =
                ExtractorKafka.stateProducerFactory(kafka.buildProducerProperties());
        factory.addListener(new MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    HashStateRestorer hashStateRestorer(KafkaProperties kafka, ExtractorProperties extractor) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        return new HashStateRestorer(
                () -> ExtractorKafka.stateConsumerFactory(consumer).createConsumer(), extractor.stateReadTimeout());
    }

    @Bean
    TenantCycle tenantCycle(
            SecretResolver secrets,
            ExtractorProperties extractor,
            HashState state,
            KafkaTemplate<String, Object> extractorEventTemplate,
            KafkaTemplate<String, String> extractorStateTemplate,
            MeterRegistry meters) {
        RosterSource jdbc = new JdbcRosterSource(secrets, extractor.callTimeout(), state, Clock.systemUTC());
        RosterSource csv =
                new CsvDropRosterSource(new FolderDropFetcher(), new SftpDropFetcher(secrets, extractor.callTimeout()));
        return new TenantCycle(
                tenant -> tenant.source().type() == SourceType.JDBC ? jdbc : csv,
                new ChangeDetector(new ContentHasher()::hash),
                state,
                new KafkaCyclePublisher(extractorEventTemplate, extractorStateTemplate, extractor.callTimeout()),
                meters,
                Clock.systemUTC(),
                extractor.callTimeout());
    }

    @Bean(destroyMethod = "close")
    SecretWatcher secretWatcher(
            TenantRegistryWatcher registry, SecretResolver secrets, RosterSyncProperties properties) {
        return new SecretWatcher(
                registry::current, secrets, properties.tenants().pollInterval());
    }

    @Bean
    TenantOwnership tenantOwnership() {
        return new TenantOwnership();
    }

    @Bean
    CycleScheduler cycleScheduler(
            TenantRegistryWatcher registry,
            TenantCycle cycle,
            ExtractorProperties extractor,
            SecretWatcher secrets,
            TenantOwnership ownership) {
        CycleScheduler scheduler = new CycleScheduler(
                registry::current,
                cycle::run,
                extractor.poolSize(),
                extractor.queueCapacity(),
                extractor.tick(),
                extractor.cycleTimeout(),
                Clock.systemUTC(),
                ownership::owns);
        secrets.onChange(names -> registry.current().tenants().stream()
                .filter(tenant ->
                        SecretWatcher.secretNames(tenant.source()).stream().anyMatch(names::contains))
                .forEach(tenant -> scheduler.runSoon(tenant.id())));
        return scheduler;
    }

    @Bean
    ExtractorLifecycle extractorLifecycle(KafkaAdmin admin, CycleScheduler scheduler) {
        return new ExtractorLifecycle(
                () -> {
                    if (!admin.initialize()) {
                        throw new IllegalStateException("the extractor's topics could not be created yet");
                    }
                },
                scheduler);
    }

    /**
     * Tenants move between instances with the group's partitions; a running cycle of a tenant given up may finish
     * within the group's rebalance timeout (max.poll.interval.ms, 5 minutes by default), then it is interrupted.
     */
    @Bean(TenantGroupListener.CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> tenantGroupContainerFactory(
            KafkaProperties kafka,
            ExtractorProperties extractor,
            TenantOwnership ownership,
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

    @Bean
    NewTopic extractorTenantsTopic(RosterSyncProperties properties) {
        return ExtractorKafka.tenantsTopic(
                properties.topics().partitions(), properties.topics().replicas());
    }

    @Bean
    NewTopic rosterChangesTopic(RosterSyncProperties properties) {
        return TopicBuilder.name(Topics.ROSTER_CHANGES)
                .partitions(properties.topics().partitions())
                .replicas(properties.topics().replicas())
                .build();
    }

    @Bean
    NewTopic outcomesTopic(RosterSyncProperties properties) {
        return TopicBuilder.name(Topics.OUTCOMES)
                .partitions(properties.topics().partitions())
                .replicas(properties.topics().replicas())
                .build();
    }

    @Bean
    NewTopic extractorStateTopic(RosterSyncProperties properties) {
        return ExtractorKafka.stateTopic(
                properties.topics().partitions(), properties.topics().replicas());
    }
}
