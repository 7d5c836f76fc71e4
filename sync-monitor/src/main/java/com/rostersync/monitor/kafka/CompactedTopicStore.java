package com.rostersync.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A key-value table kept in a compacted topic: writes wait for the broker's acknowledgement (so what the monitor acts
 * on is durable first), a null value deletes the key, and {@link #readAll} replays the topic from the beginning to its
 * current end at start-up.
 */
final class CompactedTopicStore<T> {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Class<T> type;
    private final KafkaTemplate<String, Object> template;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final JsonMapper jsonMapper;

    public CompactedTopicStore(
            String topic,
            Class<T> type,
            KafkaTemplate<String, Object> template,
            ConsumerFactory<?, ?> consumerFactory,
            JsonMapper jsonMapper) {
        this.topic = topic;
        this.type = type;
        this.template = template;
        this.consumerFactory = consumerFactory;
        this.jsonMapper = jsonMapper;
    }

    public void put(String key, T value) {
        send(key, value);
    }

    public void delete(String key) {
        send(key, null);
    }

    /** The table as the topic holds it now; fails rather than return a partial table. */
    public Map<String, T> readAll(Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sync-monitor-restore-" + topic);
        Map<String, T> table = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        table.put(record.key(), jsonMapper.readValue(record.value(), type));
                    }
                }
            }
        }
        return table;
    }

    private void send(String key, Object value) {
        try {
            template.send(topic, key, value).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing " + topic + " key " + key, interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Could not write " + topic + " key " + key, failed);
        }
    }
}
