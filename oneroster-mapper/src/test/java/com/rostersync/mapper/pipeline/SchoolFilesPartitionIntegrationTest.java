package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through a real broker with three partitions: every file record of a school lands on its snapshot's partition,
 * before the snapshot, so a reader of each partition in order puts every snapshot together.
 */
@SpringBootTest(
        properties = {
            "spring.config.name=oneroster-mapper",
            "rostersync.mapper.quiet-period=300ms",
            "rostersync.mapper.state-dir=${java.io.tmpdir}/mapper-partition-test-${random.uuid}",
            "rostersync.topics.partitions=3",
            "rostersync.tenants.file=src/test/resources/tenants-test.yml"
        })
@EmbeddedKafka(
        partitions = 3,
        topics = {Topics.ROSTER_CHANGES, Topics.COMMANDS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SchoolFilesPartitionIntegrationTest {

    private static final List<String> TENANTS = List.of("ash", "beech", "cedar", "elm", "fir", "oak");

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aSchoolsFilesShareItsSnapshotsPartitionAndComeBeforeIt() {
        for (String tenant : TENANTS) {
            for (RosterRecord record : Fixtures.school(List.of()).values()) {
                send(RosterEvents.upsert(tenant, Fixtures.SCHOOL, record));
            }
            send(RosterEvents.completed(tenant, Fixtures.SCHOOL));
        }

        List<ConsumerRecord<String, byte[]>> records = readUntilSnapshots(TENANTS.size());

        Map<String, Integer> snapshotPartition = new HashMap<>();
        Set<Integer> used = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.headers().lastHeader(Topics.TYPE_HEADER) == null) {
                snapshotPartition.put(record.key(), record.partition());
                used.add(record.partition());
            }
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.headers().lastHeader(Topics.TYPE_HEADER) != null) {
                String school = record.key().substring(0, record.key().indexOf("/files/"));
                assertThat(record.partition()).as(record.key()).isEqualTo(snapshotPartition.get(school));
            }
        }
        assertThat(used).as("the schools spread over the partitions").hasSizeGreaterThan(1);
        for (int partition : used) {
            SnapshotTopicReader reader = new SnapshotTopicReader(json);
            List<SchoolSnapshot> whole = new ArrayList<>();
            records.stream()
                    .filter(r -> r.partition() == partition)
                    .forEach(r -> reader.read(r.key(), r.value(), r.headers()).ifPresent(whole::add));
            assertThat(whole).isNotEmpty().allSatisfy(snapshot -> assertThat(snapshot.files())
                    .extracting(SnapshotFile::content)
                    .doesNotContainNull());
        }
    }

    private List<ConsumerRecord<String, byte[]>> readUntilSnapshots(int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> consumer.partitionsFor(Topics.SNAPSHOTS).size() == 3);
            List<TopicPartition> partitions = List.of(
                    new TopicPartition(Topics.SNAPSHOTS, 0),
                    new TopicPartition(Topics.SNAPSHOTS, 1),
                    new TopicPartition(Topics.SNAPSHOTS, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream()
                                .filter(r -> r.headers().lastHeader(Topics.TYPE_HEADER) == null)
                                .count()
                        >= count;
            });
        }
        return records;
    }

    private void send(RosterChangeEvent event) {
        template.send(Topics.ROSTER_CHANGES, Keys.school(event.tenantId(), event.schoolId()), event);
    }
}
