package com.rostersync.publisher.kafka;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.publisher.publish.PublishCoordinator;
import com.rostersync.publisher.publish.PublishedState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Before the first upload, reads the compacted publisher state topic to its end, so that content a destination
 * already has is not uploaded again after a restart; then lets the coordinator start. Snapshots that arrive
 * meanwhile are only kept.
 */
@Component
class PublishedStateRestorer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PublishedStateRestorer.class);
    private static final Duration RESTORE_LIMIT = Duration.ofSeconds(60);

    private final ConsumerFactory<?, ?> consumerFactory;
    private final JsonMapper jsonMapper;
    private final PublishCoordinator coordinator;

    PublishedStateRestorer(
            ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper, PublishCoordinator coordinator) {
        this.consumerFactory = consumerFactory;
        this.jsonMapper = jsonMapper;
        this.coordinator = coordinator;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int restored = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PUBLISHER_STATE, RESTORE_LIMIT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, RESTORE_LIMIT);
            Instant deadline = Instant.now().plus(RESTORE_LIMIT);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("publisher state not restored within " + RESTORE_LIMIT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        PublishedState state = jsonMapper.readValue(record.value(), PublishedState.class);
                        // A newer major version fails the start, naming the record: guessing could skip an upload.
                        SchemaVersion.check(
                                state.schemaVersion(),
                                0,
                                SchemaVersion.where(record.topic(), record.partition(), record.offset()));
                        coordinator.restore(state);
                        restored++;
                    }
                }
            }
        }
        log.info("Restored the last upload of {} destination records; publishing starts", restored);
        coordinator.start();
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
