package com.rostersync.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.events.run.UploadedFile;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.publisher.SftpPublisherApplication;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.publish.PublishedState;
import com.rostersync.testsupport.SftpTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service in one JVM: a snapshot event in, files on a real SFTP server and an UPLOADED outcome out; for
 * snapshots that name their files by hash (contract 1.3), the files as records of their own before them.
 */
@SpringBootTest(
        classes = SftpPublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=sftp-publisher",
            "rostersync.topics.partitions=1",
            "rostersync.publisher.connect-timeout=3s",
            "rostersync.publisher.auth-timeout=3s"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.SNAPSHOTS, Topics.OUTCOMES, Topics.PUBLISHER_STATE, Topics.SNAPSHOTS_DLT},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SnapshotToSftpKafkaTest {

    private static SftpTestServer server;

    @Autowired
    private KafkaTemplate<Object, Object> template;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private JsonMapper jsonMapper;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private PrometheusMeterRegistry prometheus;

    @DynamicPropertySource
    static void sftpAndRegistry(DynamicPropertyRegistry properties) throws IOException {
        Path temp = Files.createTempDirectory("publisher-kafka-test");
        server = SftpTestServer.start(temp.resolve("sftp"), temp.resolve("host.key"))
                .withPasswordUser("lincoln", "s3cret")
                .withPasswordUser("cedar", "s3cret");
        Path secrets = Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(secrets.resolve("LINCOLN_SFTP_PASSWORD"), "s3cret");
        Files.writeString(secrets.resolve("CEDAR_SFTP_PASSWORD"), "s3cret");
        Path tenants = temp.resolve("tenants.yml");
        Files.writeString(
                tenants,
                """
                tenants:
                  - id: lincoln
                    mode: live
                    schoolIds: [LHS]
                    source:
                      type: CSV_DROP
                      csvDrop:
                        folder: %s
                    destinations:
                      - id: clever-lincoln
                        host: %s
                        port: %d
                        username: lincoln
                        passwordRef: LINCOLN_SFTP_PASSWORD
                        knownHosts: "%4$s"
                  - id: cedar
                    mode: live
                    schoolIds: [CHS]
                    source:
                      type: CSV_DROP
                      csvDrop:
                        folder: %1$s
                    destinations:
                      - id: clever-cedar
                        host: %2$s
                        port: %3$d
                        username: cedar
                        passwordRef: CEDAR_SFTP_PASSWORD
                        knownHosts: "%4$s"
                """
                        .formatted(temp.resolve("drop"), server.host(), server.port(), server.knownHostsLine()));
        properties.add("rostersync.tenants.file", tenants::toString);
        properties.add("rostersync.secrets.dir", secrets::toString);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aSnapshotEventEndsAsFilesOnSftpAndAnUploadedOutcome() throws Exception {
        SchoolSnapshot snapshot = SnapshotFixtures.school("lincoln", "LHS", 1);

        template.send(Topics.SNAPSHOTS, Keys.school("lincoln", "LHS"), snapshot).get();

        Path folder = server.homeOf("lincoln").resolve("oneroster11");
        List<SyncOutcome> outcomes = new ArrayList<>();
        List<PublishedState> states = new ArrayList<>();
        List<RunRecorded> runs = new ArrayList<>();
        try (Consumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.OUTCOMES, Topics.PUBLISHER_STATE, Topics.RUNS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.key().startsWith("lincoln") && !record.key().equals("clever-lincoln")) {
                        continue; // the other test's tenant
                    }
                    if (record.topic().equals(Topics.OUTCOMES)) {
                        outcomes.add(jsonMapper.readValue(record.value(), SyncOutcome.class));
                    } else if (record.topic().equals(Topics.RUNS)) {
                        assertThat(record.key()).isEqualTo("lincoln");
                        runs.add(jsonMapper.readValue(record.value(), RunRecorded.class));
                    } else {
                        states.add(jsonMapper.readValue(record.value(), PublishedState.class));
                    }
                }
                return outcomes.stream().anyMatch(o -> o.reason() == OutcomeReason.UPLOADED)
                        && !states.isEmpty()
                        && runs.stream().anyMatch(r -> r.reason() == OutcomeReason.UPLOADED);
            });
        }
        SyncOutcome uploaded = outcomes.stream()
                .filter(o -> o.reason() == OutcomeReason.UPLOADED)
                .findFirst()
                .orElseThrow();
        assertThat(uploaded.stage()).isEqualTo(Stage.PUBLISH);
        assertThat(uploaded.tenantId()).isEqualTo("lincoln");
        assertThat(uploaded.destinationId()).isEqualTo("clever-lincoln");
        assertThat(uploaded.schoolIds()).containsExactly("LHS");
        assertThat(uploaded.counts())
                .containsEntry("files", (long) snapshot.files().size());
        assertThat(uploaded.message()).doesNotContain("s3cret");
        for (SnapshotFile file : snapshot.files()) {
            assertThat(Files.readString(folder.resolve(file.name()))).isEqualTo(file.content());
        }
        RunRecorded run = runs.stream()
                .filter(r -> r.reason() == OutcomeReason.UPLOADED)
                .findFirst()
                .orElseThrow();
        assertThat(run.stage()).isEqualTo(Stage.PUBLISH);
        assertThat(run.destinationId()).isEqualTo("clever-lincoln");
        assertThat(run.finishedAt()).isEqualTo(uploaded.occurredAt());
        assertThat(run.startedAt()).isBeforeOrEqualTo(run.finishedAt());
        assertThat(run.files())
                .extracting(UploadedFile::name)
                .containsExactlyInAnyOrderElementsOf(
                        snapshot.files().stream().map(SnapshotFile::name).toList());
        for (UploadedFile file : run.files()) {
            byte[] onServer = Files.readAllBytes(folder.resolve(file.name()));
            assertThat(file.bytes()).isEqualTo(onServer.length);
            assertThat(file.sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(onServer)));
        }
        assertThat(states).singleElement().satisfies(state -> assertThat(state.destinationId())
                .isEqualTo("clever-lincoln"));
        assertThat(meters.get("rostersync.publisher.uploads")
                        .tag("destination", "clever-lincoln")
                        .tag("reason", "UPLOADED")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("rostersync.publisher.upload.bytes").summary().totalAmount())
                .isPositive();
        assertThat(prometheus.scrape())
                .contains(
                        "rostersync_publisher_uploads_total{",
                        "rostersync_publisher_upload_bytes_bucket{",
                        "rostersync_publisher_upload_duration_seconds_bucket{",
                        "rostersync_outcomes_sent_total{",
                        "application=\"sftp-publisher\"");
    }

    @Test
    void anUnreadableSnapshotGoesToTheDeadLetterTopicAndDoesNotStopTheListener() throws Exception {
        try (Producer<String, String> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            raw.send(new ProducerRecord<>(Topics.SNAPSHOTS, Keys.school("lincoln", "BAD"), "{not json"))
                    .get();
        }

        try (Consumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.SNAPSHOTS_DLT));
            List<String> deadLetters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> deadLetters.add(record.key()));
                return deadLetters.contains(Keys.school("lincoln", "BAD"));
            });
        }
    }

    @Test
    void aSnapshotOfANewerMajorVersionIsDeadLetteredNamingWhereItIsAndBothVersions() throws Exception {
        String newer = jsonMapper
                .writeValueAsString(SnapshotFixtures.school("lincoln", "LHS", 99))
                .replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThat(newer).contains("\"schemaVersion\":2");
        try (Producer<String, String> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            raw.send(new ProducerRecord<>(Topics.SNAPSHOTS, "lincoln/NEWER-MAJOR", newer))
                    .get();
        }

        List<ConsumerRecord<String, String>> refused = new ArrayList<>();
        try (Consumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.SNAPSHOTS_DLT));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if ("lincoln/NEWER-MAJOR".equals(record.key())) {
                        refused.add(record);
                    }
                });
                return !refused.isEmpty();
            });
        }
        assertThat(refused.get(0).value()).as("the record itself, unchanged").isEqualTo(newer);
        Header reason = refused.get(0).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                .contains(Topics.SNAPSHOTS + "-0@")
                .contains("schema version 2.")
                .contains("reads major version 1");
    }

    @Test
    void snapshotsNamingTheirFilesByHashAreUploadedWholeAndOneNamingAnUnknownFileIsRefused() throws Exception {
        Path folder = server.homeOf("cedar").resolve("oneroster11");
        SchoolSnapshot first = SnapshotFixtures.school("cedar", "CHS", 1, "Delta One");
        sendFiles(first.files());
        send(Keys.school("cedar", "CHS"), byReference(first), false);
        awaitLive(folder, first);

        SchoolSnapshot second = SnapshotFixtures.school("cedar", "CHS", 2, "Delta Two");
        SnapshotFile users = file(second, "users.csv");
        assertThat(second.files())
                .as("the fixture changes users only")
                .hasSize(first.files().size());
        sendFiles(List.of(users));
        send(Keys.school("cedar", "CHS"), byReference(second), false);
        awaitLive(folder, second);

        SchoolSnapshot third = SnapshotFixtures.school("cedar", "CHS", 3, "Delta Three");
        sendFiles(third.files().stream()
                .filter(f -> !f.name().equals("users.csv"))
                .toList());
        send(Keys.school("cedar", "CHS"), byReference(third), false);

        SyncOutcome refused = awaitOutcome(OutcomeReason.FILE_FAILED);
        assertThat(refused.destinationId()).isEqualTo("clever-cedar");
        assertThat(refused.message())
                .contains(
                        "CHS",
                        "users.csv",
                        FileSetHash.ofContent(file(third, "users.csv").content()));
        assertThat(refused.fileFailures()).singleElement().satisfies(failure -> assertThat(failure.file())
                .isEqualTo("users.csv"));
        assertThat(Files.readString(folder.resolve("users.csv")))
                .as("the destination keeps the school's last whole snapshot")
                .contains("Delta Two");
    }

    /**
     * Waits until every file of the snapshot is in place with its content: the uploader renames the data files one by
     * one and the manifest last, so a reader that stops at the first file it sees can catch the set mid-rename.
     */
    private static void awaitLive(Path folder, SchoolSnapshot snapshot) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (SnapshotFile file : snapshot.files()) {
                Path live = folder.resolve(file.name());
                assertThat(live)
                        .as("%s of snapshot %s", file.name(), snapshot.version())
                        .exists();
                assertThat(Files.readString(live))
                        .as("%s of snapshot %s", file.name(), snapshot.version())
                        .isEqualTo(file.content());
            }
        });
    }

    private void sendFiles(List<SnapshotFile> files) throws Exception {
        for (SnapshotFile file : files) {
            SchoolFile record = new SchoolFile("cedar", "CHS", file, FileSetHash.ofContent(file.content()));
            send(record.key(), record, true);
        }
    }

    private void send(String key, Object value, boolean schoolFile) throws Exception {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.SNAPSHOTS, key, value);
        if (schoolFile) {
            record.headers()
                    .add(new RecordHeader(Topics.TYPE_HEADER, SchoolFile.TYPE.getBytes(StandardCharsets.UTF_8)));
        }
        template.send(record).get();
    }

    private static SchoolSnapshot byReference(SchoolSnapshot snapshot) {
        return snapshot.withFiles(snapshot.files().stream()
                .map(f -> SnapshotFile.reference(f.name(), f.rows(), FileSetHash.ofContent(f.content())))
                .toList());
    }

    private static SnapshotFile file(SchoolSnapshot snapshot, String name) {
        return snapshot.files().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private SyncOutcome awaitOutcome(OutcomeReason reason) {
        List<SyncOutcome> outcomes = new ArrayList<>();
        try (Consumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.OUTCOMES));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    outcomes.add(jsonMapper.readValue(record.value(), SyncOutcome.class));
                }
                return outcomes.stream()
                        .anyMatch(o -> o.reason() == reason && o.tenantId().equals("cedar"));
            });
        }
        return outcomes.stream()
                .filter(o -> o.reason() == reason && o.tenantId().equals("cedar"))
                .findFirst()
                .orElseThrow();
    }

    private Consumer<String, String> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "publisher-test-reader-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
