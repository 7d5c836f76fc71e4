package com.rostersync.monitor.kafka;

import com.rostersync.kernel.kafka.AcknowledgedSend;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final CompactedTopicReader reader;
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
        this.reader = CompactedTopicReader.from(consumerFactory);
        this.jsonMapper = jsonMapper;
    }

    public void put(String key, T value) {
        AcknowledgedSend.await(template.send(topic, key, value), SEND_TIMEOUT, topic + " key " + key);
    }

    public void delete(String key) {
        AcknowledgedSend.await(template.send(topic, key, null), SEND_TIMEOUT, topic + " key " + key);
    }

    /** The table as the topic holds it now; fails rather than return a partial table. */
    public Map<String, T> readAll(Duration timeout) {
        Map<String, T> table = new LinkedHashMap<>();
        reader.readToEnd(topic, timeout, (key, value) -> {
            if (value == null) {
                table.remove(key);
            } else {
                table.put(key, jsonMapper.readValue(value, type));
            }
        });
        return table;
    }
}
