package com.rostersync.publisher.kafka;

import com.rostersync.events.SchemaVersion;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import com.rostersync.publisher.publish.PublishedState;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads partitions of the compacted publisher state topic from the beginning to their end, so that content a
 * destination already has is not uploaded again after a restart or when another instance hands the destination over.
 */
final class PublishedStateReader {

    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final CompactedTopicReader reader;
    private final JsonMapper jsonMapper;

    PublishedStateReader(ConsumerFactory<?, ?> consumerFactory, JsonMapper jsonMapper) {
        this.reader = CompactedTopicReader.from(consumerFactory);
        this.jsonMapper = jsonMapper;
    }

    /** Hands every live record of the partitions to {@code sink}; returns how many. */
    long read(Collection<TopicPartition> partitions, Consumer<PublishedState> sink) {
        return reader.readToEnd(partitions, READ_LIMIT, (key, value) -> {
                    if (value != null) {
                        PublishedState state = jsonMapper.readValue(value, PublishedState.class);
                        // A newer major version is skipped and named; the destination is then uploaded once more.
                        SchemaVersion.check(state.schemaVersion(), 0, "publisher state of " + key);
                        sink.accept(state);
                    }
                })
                .applied();
    }
}
