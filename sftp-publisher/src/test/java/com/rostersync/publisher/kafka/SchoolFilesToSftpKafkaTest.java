package com.rostersync.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.publisher.SftpPublisherApplication;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.testsupport.SftpTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshots that name their files by hash (contract 1.3), through the whole service: the files travel as records of
 * their own before the snapshot, a later snapshot sends only the file it changed, and a snapshot naming a file no
 * record carries is refused with a file failure while the destination keeps what it had.
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
class SchoolFilesToSftpKafkaTest {

    private static SftpTestServer server;

    @Autowired
    private KafkaTemplate<Object, Object> template;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private JsonMapper jsonMapper;

    @DynamicPropertySource
    static void sftpAndRegistry(DynamicPropertyRegistry properties) throws IOException {
        Path temp = Files.createTempDirectory("publisher-files-test");
        server = SftpTestServer.start(temp.resolve("sftp"), temp.resolve("host.key"))
                .withPasswordUser("cedar", "s3cret");
        Path secrets = Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(secrets.resolve("CEDAR_SFTP_PASSWORD"), "s3cret");
        Path tenants = temp.resolve("tenants.yml");
        Files.writeString(
                tenants,
                """
                tenants:
                  - id: cedar
                    mode: live
                    schoolIds: [CHS]
                    source:
                      type: CSV_DROP
                      csvDrop:
                        folder: %s
                    destinations:
                      - id: clever-cedar
                        host: %s
                        port: %d
                        username: cedar
                        passwordRef: CEDAR_SFTP_PASSWORD
                        knownHosts: "%s"
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
    void snapshotsNamingTheirFilesByHashAreUploadedWholeAndOneNamingAnUnknownFileIsRefused() throws Exception {
        Path folder = server.homeOf("cedar").resolve("oneroster11");
        SchoolSnapshot first = SnapshotFixtures.school("cedar", "CHS", 1, "Delta One");
        sendFiles(first.files());
        send(Keys.school("cedar", "CHS"), byReference(first), false);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(folder.resolve("users.csv"))
                        && Files.readString(folder.resolve("users.csv")).contains("Delta One"));
        for (SnapshotFile file : first.files()) {
            assertThat(Files.readString(folder.resolve(file.name()))).isEqualTo(file.content());
        }

        SchoolSnapshot second = SnapshotFixtures.school("cedar", "CHS", 2, "Delta Two");
        SnapshotFile users = file(second, "users.csv");
        assertThat(second.files())
                .as("the fixture changes users only")
                .hasSize(first.files().size());
        sendFiles(List.of(users));
        send(Keys.school("cedar", "CHS"), byReference(second), false);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(folder.resolve("users.csv")).contains("Delta Two"));
        for (SnapshotFile file : second.files()) {
            assertThat(Files.readString(folder.resolve(file.name())))
                    .as("%s, sent in the first snapshot or the second", file.name())
                    .isEqualTo(file.content());
        }

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
        try (Consumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "publisher-files-test-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.OUTCOMES));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    outcomes.add(jsonMapper.readValue(record.value(), SyncOutcome.class));
                }
                return outcomes.stream().anyMatch(o -> o.reason() == reason);
            });
        }
        return outcomes.stream().filter(o -> o.reason() == reason).findFirst().orElseThrow();
    }
}
