package com.rostersync.mapper.state;

import com.rostersync.events.Keys;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolRoster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper's state lives in memory and, durably, on a compacted Kafka topic: every change is written here (and
 * acknowledged) before the consumer offsets that caused it are committed, and on start the whole topic is read back.
 * A restarted or moved instance therefore has every school's roster, last snapshot and held deletions again.
 */
@Component
public class MapperStateChangelog {

    private static final Logger log = LoggerFactory.getLogger(MapperStateChangelog.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaTemplate<String, Object> template;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final JsonMapper json;

    public MapperStateChangelog(
            KafkaTemplate<String, Object> template, ConsumerFactory<?, ?> consumerFactory, JsonMapper json) {
        this.template = template;
        this.consumerFactory = consumerFactory;
        this.json = json;
    }

    /** Writes every entry and waits until the broker has acknowledged all of them. */
    public void write(List<StateWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sent = new ArrayList<>(writes.size());
        for (StateWrite write : writes) {
            sent.add(template.send(Topics.MAPPER_STATE, write.key(), write.value()));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing mapper state", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("mapper state could not be written to " + Topics.MAPPER_STATE, failed);
        }
    }

    /** Reads the changelog from the beginning to its current end and rebuilds every school's roster from it. */
    public Map<String, SchoolRoster> restore() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, StateEntry> latest = new HashMap<>();
        try (Consumer<?, ?> consumer = consumerFactory.createConsumer(null, "mapper-state-restore", null, overrides)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.MAPPER_STATE);
            if (partitions == null || partitions.isEmpty()) {
                return new LinkedHashMap<>();
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<?, ?> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = (String) record.key();
                    String value = (String) record.value();
                    if (value == null) {
                        latest.remove(key);
                    } else {
                        StateEntry entry = json.readValue(value, StateEntry.class);
                        // A newer major version fails the start, naming the record: guessing could lose a hold.
                        SchemaVersion.check(
                                entry.schemaVersion(),
                                0,
                                SchemaVersion.where(record.topic(), record.partition(), record.offset()));
                        latest.put(key, entry);
                    }
                }
            }
        }
        Map<String, SchoolRoster> rosters = fold(latest.values());
        log.info("Mapper state restored: {} schools, {} entries", rosters.size(), latest.size());
        return rosters;
    }

    static Map<String, SchoolRoster> fold(Iterable<StateEntry> entries) {
        Map<String, SchoolRoster> rosters = new LinkedHashMap<>();
        for (StateEntry entry : entries) {
            SchoolRoster roster = rosters.computeIfAbsent(
                    Keys.school(entry.tenantId(), entry.schoolId()),
                    k -> new SchoolRoster(entry.tenantId(), entry.schoolId()));
            switch (entry.slot()) {
                case CURRENT ->
                    roster.current().put(new RecordKey(entry.entityType(), entry.sourcedId()), entry.record());
                case PUBLISHED ->
                    roster.published().put(new RecordKey(entry.entityType(), entry.sourcedId()), entry.record());
                case META -> roster.meta(entry.meta());
            }
        }
        return rosters;
    }
}
