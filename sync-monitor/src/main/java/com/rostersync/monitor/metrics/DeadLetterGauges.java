package com.rostersync.monitor.metrics;

import com.rostersync.events.Topics;
import com.rostersync.kernel.task.ServiceThreads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Records waiting on each dead-letter topic: what a consumer of any service could not read (wrong schema, corrupt
 * JSON) and set aside, since no one retries them. Counted here from the topics' offsets rather than in each service,
 * so a restart does not reset the count and one place sees all four topics (the mapper writes two, the publisher and
 * the monitor one each; the extractor consumes nothing). A topic not created yet has 0.
 */
@Component
class DeadLetterGauges implements DisposableBean {

    public static final String DEAD_LETTERS = "rostersync.dead.letter.records";
    static final List<String> TOPICS =
            List.of(Topics.ROSTER_CHANGES_DLT, Topics.SNAPSHOTS_DLT, Topics.OUTCOMES_DLT, Topics.COMMANDS_DLT);
    private static final Duration EVERY = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DeadLetterGauges.class);

    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    private final Admin admin;
    private final ScheduledFuture<?> refreshing;

    DeadLetterGauges(MeterRegistry registry, KafkaAdmin kafkaAdmin, ServiceThreads threads) {
        for (String topic : TOPICS) {
            AtomicLong count = records.computeIfAbsent(topic, t -> new AtomicLong());
            Gauge.builder(DEAD_LETTERS, count, AtomicLong::get)
                    .tag("topic", topic)
                    .description("Records on the dead-letter topic (could not be read by its consumer)")
                    .register(registry);
        }
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "sync-monitor-dead-letters");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(config);
        this.refreshing = threads.timer("monitor-dead-letters").scheduleWithFixedDelay(this::refresh, EVERY);
    }

    /** Reads each topic's first and next offsets; on failure the last known counts stay. */
    void refresh() {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = TOPICS.stream().filter(existing::contains).toList();
            TOPICS.stream().filter(t -> !existing.contains(t)).forEach(t -> records.get(t)
                    .set(0));
            if (present.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(present)
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .values()) {
                topic.partitions().forEach(p -> {
                    earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                });
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> first =
                    admin.listOffsets(earliest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> next =
                    admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> counts = new HashMap<>();
            next.forEach((partition, end) -> counts.merge(
                    partition.topic(), end.offset() - first.get(partition).offset(), Long::sum));
            counts.forEach((topic, count) -> records.get(topic).set(count));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception notNow) {
            log.debug("Dead-letter topics not counted this time: {}", notNow.toString());
        }
    }

    @Override
    public void destroy() {
        refreshing.cancel(true);
        admin.close(Duration.ofSeconds(2));
    }
}
