package com.rostersync.monitor.history;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.UnreadableSchemaVersionException;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import com.rostersync.kernel.kafka.TopicFollower;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync history as Kafka keeps it. Every monitor instance follows every partition of {@link Topics#RUNS} and
 * {@link Topics#CHANGE_REPORTS} from the start of their retention (no consumer group, no committed offsets), so any
 * instance answers for any tenant. Runs go into the bounded {@link RunIndex}; of a change report only its key and
 * position are noted, and the report itself is read from that position when someone asks for it.
 */
final class KafkaRunHistory implements RunHistory, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaRunHistory.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;
    private final TopicFollower follower;
    private final JsonMapper json;
    private final RunIndex index;
    private final Duration readTimeout;

    KafkaRunHistory(Map<String, Object> consumerConfig, JsonMapper json, HistoryProperties properties) {
        this.consumerConfig = CompactedTopicReader.withoutGroup(consumerConfig);
        this.follower = new TopicFollower(
                "run-history", consumerConfig, List.of(Topics.RUNS, Topics.CHANGE_REPORTS), this::apply);
        this.json = json;
        this.index = new RunIndex(properties.maxRunsPerTenant(), properties.maxPendingReports());
        this.readTimeout = properties.readTimeout();
    }

    @Override
    public List<RunRecorded> runs(RunQuery query) {
        return index.runs(query);
    }

    @Override
    public Optional<RunRecorded> run(String runId) {
        return index.run(runId);
    }

    @Override
    public boolean hasChanges(String runId) {
        return !index.reportParts(runId).isEmpty();
    }

    /** Reads the report's parts from where they were indexed; empty when it has none or they expired meanwhile. */
    @Override
    public Optional<ChangeReport> changes(String runId) {
        List<ReportPosition> positions = index.reportParts(runId);
        if (positions.isEmpty()) {
            return Optional.empty();
        }
        // All parts share the run id as key, so they lie on one partition.
        int partition = positions.get(0).partition();
        Set<Long> wanted = positions.stream().map(ReportPosition::offset).collect(Collectors.toSet());
        long first = wanted.stream().min(Comparator.naturalOrder()).orElseThrow();
        long last = wanted.stream().max(Comparator.naturalOrder()).orElseThrow();
        TopicPartition where = new TopicPartition(Topics.CHANGE_REPORTS, partition);
        Map<Integer, ChangeReport> parts = new TreeMap<>();
        Instant until = Instant.now().plus(readTimeout);
        try (KafkaConsumer<String, byte[]> reader = newConsumer("run-report")) {
            reader.assign(List.of(where));
            reader.seek(where, first);
            boolean done = false;
            while (!done && Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    if (record.offset() > last) {
                        done = true;
                    } else if (wanted.contains(record.offset()) && runId.equals(record.key())) {
                        read(record, ChangeReport.class).ifPresent(part -> parts.put(part.part(), part));
                        done = record.offset() == last;
                    }
                }
                done = done || reader.position(where) > last;
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        ChangeReport head = parts.values().iterator().next();
        if (parts.size() < head.parts()) {
            log.warn(
                    "Change report of run {}: {} of {} parts could be read from {}",
                    runId,
                    parts.size(),
                    head.parts(),
                    where);
        }
        List<ChangeRow> rows = new ArrayList<>();
        parts.values().forEach(part -> rows.addAll(part.rows()));
        return Optional.of(new ChangeReport(head.runId(), head.tenantId(), head.schoolId(), rows));
    }

    @Override
    public void start() {
        follower.start();
    }

    @Override
    public void stop() {
        follower.stop();
    }

    @Override
    public boolean isRunning() {
        return follower.isRunning();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (Topics.CHANGE_REPORTS.equals(record.topic())) {
            index.addReportPart(record.key(), new ReportPosition(record.partition(), record.offset()));
        } else {
            read(record, RunRecorded.class).ifPresent(index::add);
        }
    }

    /** One record that this build cannot read is logged with where it lies and skipped; the history goes on. */
    private <T> Optional<T> read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        String where = SchemaVersion.where(record.topic(), record.partition(), record.offset());
        try {
            if (record.value() == null) {
                return Optional.empty();
            }
            T value = json.readValue(record.value(), type);
            if (value instanceof RunRecorded run) {
                SchemaVersion.check(run.schemaVersion(), run.schemaMinor(), where);
            } else if (value instanceof ChangeReport report) {
                SchemaVersion.check(report.schemaVersion(), report.schemaMinor(), where);
            }
            return Optional.of(value);
        } catch (UnreadableSchemaVersionException newer) {
            log.warn("Skipped a {} of a newer schema at {}: {}", type.getSimpleName(), where, newer.getMessage());
        } catch (RuntimeException unreadable) {
            log.warn("Skipped an unreadable {} at {}: {}", type.getSimpleName(), where, unreadable.toString());
        }
        return Optional.empty();
    }

    private KafkaConsumer<String, byte[]> newConsumer(String purpose) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, purpose + "-" + Long.toHexString(System.nanoTime()));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
