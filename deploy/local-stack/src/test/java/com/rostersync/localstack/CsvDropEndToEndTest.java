package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.SchoolLevel;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.CsvRow;
import com.rostersync.oneroster.OneRosterFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A OneRoster CSV drop through the whole platform: a drop in the shape of the public sample sets ({@code metadata.*}
 * columns, a department and a state org) syncs every valid row, its extension columns reach only the account that
 * keeps them, a type without rows is {@code absent} in every uploaded manifest, and a header-only users.csv is one
 * file failure that archives nobody.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CsvDropEndToEndTest {

    private static final String TENANT = "anne";
    private static final String KEEPS = "anne-keep";
    private static final String DROPS = "anne-plain";
    private static final List<String> DROP_FILES = List.of(
            "manifest.csv",
            "orgs.csv",
            "academicSessions.csv",
            "courses.csv",
            "classes.csv",
            "users.csv",
            "enrollments.csv");
    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final DemoCatalog FIXTURE = new DemoCatalog(List.of(new DemoTenant(
            "fixture",
            "Fixture District",
            true,
            List.of(new DemoSchool("FIX", "Fixture Academy", SchoolLevel.HIGH)),
            List.of(new DemoDestination("fixture-sftp", "fixture-clever", List.of("FIX"))),
            List.of("lead@fixture.example.org"))));

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path workdir;

    static LocalPlatform platform;
    static Path drop;

    @BeforeAll
    static void startPlatformAndAddTheDropTenant() throws IOException {
        platform = LocalPlatform.start(PlatformSettings.forTest(
                workdir,
                FIXTURE,
                sis -> sis.createFromScript(new ClassPathResource("e2e/fixture-school.sql")),
                // A failure that repeats is reported once a minute by default; here every second, so that two
                // cycles that read the same bad file are seen to archive nobody.
                Map.of("rostersync.extractor.repeat-report-every", "1s")));
        drop = Files.createDirectories(workdir.resolve("drops").resolve(TENANT));
        for (String file : DROP_FILES) {
            Files.write(drop.resolve(file), resource(file));
        }
        StringBuilder tenant = new StringBuilder()
                .append("  - id: ")
                .append(TENANT)
                .append("\n    mode: live\n    schoolIds: [\"SA\"]\n    syncInterval: 1s\n")
                .append("    source:\n      type: CSV_DROP\n      csvDrop:\n        folder: \"")
                .append(drop)
                .append("\"\n    destinations:\n");
        for (String account : List.of(KEEPS, DROPS)) {
            String secret = account.toUpperCase().replace('-', '_') + "_PASSWORD";
            String password = UUID.randomUUID().toString();
            Files.writeString(platform.workdir().resolve("secrets").resolve(secret), password);
            platform.sftp().withPasswordUser(account, password);
            tenant.append("      - id: ")
                    .append(account)
                    .append("\n        host: ")
                    .append(platform.sftp().host())
                    .append("\n        port: ")
                    .append(platform.sftp().port())
                    .append("\n        username: ")
                    .append(account)
                    .append("\n        passwordRef: ")
                    .append(secret)
                    .append("\n        knownHosts: \"")
                    .append(platform.sftp().knownHostsLine())
                    .append("\"\n")
                    .append(account.equals(KEEPS) ? "        extensionColumns: keep\n" : "");
        }
        // Written whole and renamed, so the registry watcher never reads half a file.
        Path next = platform.workdir().resolve("tenants.yml.next");
        Files.writeString(next, Files.readString(platform.tenantsFile()) + tenant);
        Files.move(next, platform.tenantsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aDropWithExtensionColumnsAndOrgsOfEveryTypeSyncsEveryValidRow() throws Exception {
        for (String account : List.of(KEEPS, DROPS)) {
            Path users = folder(account).resolve("users.csv");
            await(account + " users.csv")
                    .atMost(PIPELINE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.isRegularFile(folder(account).resolve("manifest.csv"))
                            && Files.isRegularFile(users)
                            && rows(OneRosterFile.USERS, users).size() == 3);
            assertThat(rows(OneRosterFile.ORGS, folder(account).resolve("orgs.csv")))
                    .extracting(r -> r.get("sourcedId") + ":" + r.get("type"))
                    .containsExactly("D1:district", "SA:school");
            assertThat(rows(OneRosterFile.ENROLLMENTS, folder(account).resolve("enrollments.csv")))
                    .hasSize(3);
        }
        String kept = Files.readString(folder(KEEPS).resolve("users.csv"));
        assertThat(kept)
                .startsWith(String.join(",", OneRosterFile.USERS.columns())
                        + ",metadata.phoneticGivenName,metadata.pronouns\r\n");
        assertThat(rows(OneRosterFile.USERS, folder(KEEPS).resolve("users.csv")))
                .extracting(r -> r.get("sourcedId") + ":" + r.extensions())
                .containsExactly("U1:{phoneticGivenName=tom}", "U2:{}", "U3:{phoneticGivenName=sam, pronouns=they}");
        assertThat(Files.readString(folder(KEEPS).resolve("orgs.csv"))).contains(",SA-1,D1,Lakeside\r\n");
        assertThat(Files.readString(folder(DROPS).resolve("users.csv")))
                .startsWith(String.join(",", OneRosterFile.USERS.columns()) + "\r\n")
                .doesNotContain("metadata.");
        assertThat(Files.readString(folder(DROPS).resolve("orgs.csv"))).doesNotContain("metadata.", "Lakeside");
    }

    @Test
    @Order(2)
    void everyUploadedManifestIsTrue() throws Exception {
        await("the JDBC tenant's upload")
                .atMost(PIPELINE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Files.isRegularFile(folder("fixture-clever").resolve("manifest.csv")));
        for (String account : List.of(KEEPS, DROPS, "fixture-clever")) {
            for (CsvRow row : rows(OneRosterFile.MANIFEST, folder(account).resolve("manifest.csv"))) {
                String property = row.get("propertyName");
                if (!property.startsWith("file.")) {
                    continue;
                }
                Path file = folder(account).resolve(property.substring("file.".length()) + ".csv");
                if (row.get("value").equals("bulk")) {
                    OneRosterFile kind = OneRosterFile.byFileName(
                                    file.getFileName().toString())
                            .orElseThrow();
                    assertThat(rows(kind, file))
                            .as(account + " " + file.getFileName())
                            .isNotEmpty();
                } else {
                    assertThat(file).as(account + " " + file.getFileName()).doesNotExist();
                }
            }
        }
        assertThat(rows(OneRosterFile.MANIFEST, folder(KEEPS).resolve("manifest.csv")))
                .extracting(r -> r.get("propertyName") + "=" + r.get("value"))
                .contains("file.demographics=absent", "file.users=bulk");
    }

    @Test
    @Order(3)
    void aHeaderOnlyUsersFileIsOneFileFailureNamingItAndArchivesNobody() throws Exception {
        String header = new String(resource("users.csv"), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
        Path next = drop.resolve("users.csv.next");
        Files.writeString(next, "\uFEFF" + header + "\r\n");
        Files.move(next, drop.resolve("users.csv"), StandardCopyOption.REPLACE_EXISTING);

        List<SyncOutcome> failures = extractFailures(2);

        assertThat(failures).allSatisfy(outcome -> {
            assertThat(outcome.fileFailures()).extracting(FileFailure::file).containsExactly("users.csv");
            assertThat(outcome.fileFailures().get(0).reason()).contains("users.csv has a header and no rows");
            assertThat(outcome.counts()).containsEntry("deleted", 0L);
        });
        for (String account : List.of(KEEPS, DROPS)) {
            assertThat(rows(OneRosterFile.USERS, folder(account).resolve("users.csv")))
                    .extracting(r -> r.get("sourcedId"))
                    .containsExactly("U1", "U2", "U3");
        }
    }

    /** Waits for this many FILE_FAILED extract outcomes of the drop tenant, in order (the drop is read each second). */
    private static List<SyncOutcome> extractFailures(int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "csv-drop-e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.OUTCOMES));
            List<SyncOutcome> found = new ArrayList<>();
            return await("FILE_FAILED outcomes of " + TENANT)
                    .atMost(PIPELINE)
                    .until(
                            () -> {
                                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                                    SyncOutcome outcome = json.readValue(record.value(), SyncOutcome.class);
                                    if (TENANT.equals(outcome.tenantId())
                                            && outcome.stage() == Stage.EXTRACT
                                            && outcome.reason() == OutcomeReason.FILE_FAILED) {
                                        found.add(outcome);
                                    }
                                }
                                return found;
                            },
                            outcomes -> outcomes.size() >= count);
        }
    }

    private static Path folder(String account) {
        return platform.sftp().homeOf(account).resolve("oneroster11");
    }

    private static List<CsvRow> rows(OneRosterFile file, Path path) {
        try {
            return CsvReader.read(file, Files.readAllBytes(path)).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.rostersync.oneroster.CsvFileException e) {
            throw new AssertionError(path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = CsvDropEndToEndTest.class.getResourceAsStream("/e2e/drop/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
