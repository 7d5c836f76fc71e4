package com.rostersync.mapper.pipeline;

import com.rostersync.kernel.config.RosterSyncProperties;
import com.rostersync.kernel.config.TrainingRun;
import com.rostersync.kernel.kafka.KafkaConsumerClose;
import com.rostersync.mapper.config.MapperProperties;
import com.rostersync.mapper.cycle.SchoolCyclePlanner;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.tenants.TenantRegistryWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link MapperTopology} in Spring: the Streams settings come from {@code spring.kafka.*} (bootstrap servers,
 * {@code spring.kafka.streams.application-id} / {@code state-dir} / {@code properties}) and {@code rostersync.mapper}
 * (state directory, stream threads) and the kernel's {@code rostersync.topics} (snapshot size). A failed stream thread is replaced, never left dead.
 */
@Configuration(proxyBeanMethods = false)
class MapperStreamsConfig {

    static final String APPLICATION_ID = "oneroster-mapper";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(30);

    @Bean
    HeldDeletions heldDeletions(TenantRegistryWatcher registry, MapperMetrics metrics) {
        HeldDeletions held = new HeldDeletions();
        metrics.heldDeletions(held, HeldDeletions::total);
        registry.onChange(changed -> held.registryChanged());
        return held;
    }

    @Bean
    StreamsBuilderFactoryBean mapperStreams(
            KafkaProperties kafka,
            MapperProperties mapper,
            RosterSyncProperties rostersync,
            JsonMapper json,
            TenantRegistryWatcher registry,
            HeldDeletions held,
            MapperMetrics metrics,
            KafkaAdmin admin) {
        Map<String, Object> config = new HashMap<>(kafka.getStreams().getProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(kafka));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers(kafka)));
        String stateDir = mapper.stateDir() != null
                ? mapper.stateDir()
                : kafka.getStreams().getStateDir();
        if (stateDir != null && !stateDir.isBlank()) {
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        if (!TrainingRun.active()) {
            new LocalStateGuard(stateFolder(stateDir), applicationId(kafka))
                    .keepOnlyStateOf(clusterId(admin, rostersync.topics().declareTimeout()));
        }
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, mapper.streamThreads());
        config.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, MapperRocksDbConfig.class);
        // Each commit flushes every store's memtable to a new RocksDB file (the stores keep no write-ahead log), and
        // at 1 s those many small files kept compaction busy: a quarter of the mapper's full-sync CPU, four times what
        // it is at Kafka Streams' own at-least-once default, 30 s (docs/benchmarks.md, runs C and A2). The interval
        // only bounds what a crashed instance reads again, and reading a change again is an upsert of the same record.
        config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
        // An idle stream thread loops once per poll.ms (Kafka's default 100 ms); records end the wait at once, so a
        // longer one only costs an idle mapper less. The loop also runs the due-school punctuation, so poll.ms bounds
        // how late a due school's snapshot starts: up to 1 s, next to a sync interval of seconds.
        config.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, POLL.toMillis());
        // The main consumer waits on the broker as long as the services' listeners (KernelDefaults), and closes as
        // promptly (BoundedCloseClients). Restoring reads what is there, so its consumer keeps Kafka's 500 ms.
        config.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), (int)
                KafkaConsumerClose.IDLE_FETCH_WAIT.toMillis());
        // The quiet period runs on the wall clock; record timestamps only order a school's events.
        config.putIfAbsent(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, WallclockTimestampExtractor.class);
        // Each task reads a partition of the changes and one of the commands, which is nearly always empty. At Kafka's
        // default (0) every look at that empty partition formats its lag into a log text, trace on or not: 5% of the
        // stream threads in a full sync (docs/benchmarks.md). With wall-clock timestamps, waiting for it orders
        // nothing.
        config.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // lz4 is cheap for the many small changelog writes; a large snapshot is checked uncompressed by the producer.
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        config.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                rostersync.topics().snapshotMaxBytes());
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        SchoolCyclePlanner planner =
                new SchoolCyclePlanner(new SourceSystem(mapper.sourceSystemName(), mapper.sourceSystemCode()));
        Duration tick = tick(mapper.quietPeriod());
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                MapperTopology.build(
                        builder,
                        json,
                        () -> new SchoolCycleProcessor(
                                json,
                                planner,
                                registry::current,
                                mapper.quietPeriod(),
                                mapper.retryDelay(),
                                tick,
                                held,
                                metrics));
            }
        });
        factory.setClientSupplier(new BoundedCloseClients());
        factory.setStreamsUncaughtExceptionHandler(failed -> StreamThreadExceptionResponse.REPLACE_THREAD);
        return factory;
    }

    @Bean
    SchoolStates schoolStates(StreamsBuilderFactoryBean mapperStreams) {
        return new SchoolStates(mapperStreams);
    }

    /** Due schools are checked a few times per quiet period, at most every half second (an idle mapper stays idle). */
    static Duration tick(Duration quietPeriod) {
        long millis = Math.max(20, Math.min(500, quietPeriod.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    /** Where Kafka Streams keeps its stores: the configured folder, else its own default. */
    private static Path stateFolder(String configured) {
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");
    }

    private static String clusterId(KafkaAdmin admin, Duration timeout) {
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            return client.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException(
                    "the broker did not tell its cluster id within " + timeout
                            + " (rostersync.topics.declare-timeout); the mapper's local state cannot be checked",
                    failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the broker for its cluster id", interrupted);
        }
    }

    private static String applicationId(KafkaProperties kafka) {
        String configured = kafka.getStreams().getApplicationId();
        return configured == null || configured.isBlank() ? APPLICATION_ID : configured;
    }

    private static java.util.List<String> bootstrapServers(KafkaProperties kafka) {
        java.util.List<String> streams = kafka.getStreams().getBootstrapServers();
        return streams == null || streams.isEmpty() ? kafka.getBootstrapServers() : streams;
    }
}
