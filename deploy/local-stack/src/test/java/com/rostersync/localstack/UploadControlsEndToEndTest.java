package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.rostersync.events.Topics;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.testsupport.SftpTestServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's controls with every real part in one JVM, four CSV-drop tenants on one SFTP server: a tenant without
 * a mode is a dry run (outcomes, no file), a pause window covering today uploads nothing and says until when, a
 * destination bound to other schools gets nothing and its leader gets the incident mail, and an update of 80% of a
 * school's students is held as UPDATE_THRESHOLD until an approval through the API releases it.
 */
class UploadControlsEndToEndTest {

    private static final List<String> DROP_FILES = List.of(
            "manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "enrollments.csv");
    private static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,"
            + "username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
            + "password";
    private static final String LEADER = "lead@guarded.example.org";
    private static final String TOKEN = "e2e-operator-token";
    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    Path dir;

    private SftpTestServer clever;
    private GreenMail smtp;
    private LocalPlatform platform;
    private final List<SyncOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() {
        if (platform != null) {
            platform.close();
        }
        if (clever != null) {
            clever.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void dryRunPauseGuardAndUpdateHoldEachKeepFilesFromTheReceiverUntilAllowed() throws Exception {
        clever = SftpTestServer.start(dir.resolve("clever"), dir.resolve("clever-host-key.ser"));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve(LocalPlatform.API_TOKEN_FILE), TOKEN + "\n");
        StringBuilder registry = new StringBuilder("tenants:\n");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        registry.append(tenant("drydale", "", "", secrets));
        registry.append(tenant(
                "pauseville",
                "    mode: live\n    pauses:\n      - {from: " + today.minusDays(1) + ", to: " + today.plusDays(1)
                        + "}\n",
                "",
                secrets));
        registry.append(tenant("guarded", "    mode: live\n", "        allowedSchoolIds: [OTHER]\n", secrets));
        registry.append(tenant("updater", "    mode: live\n", "", secrets));
        Path tenants = dir.resolve("tenants.yml");
        Files.writeString(tenants, registry.toString());

        platform = LocalPlatform.start(PlatformSettings.fromArguments(
                "--local.tenants=" + tenants,
                "--local.secrets=" + secrets,
                "--local.state=" + dir.resolve("state"),
                "--local.smtp=127.0.0.1:" + smtp.getSmtp().getPort(),
                "--local.ports.extractor=0",
                "--local.ports.mapper=0",
                "--local.ports.publisher=0",
                "--local.ports.monitor=0"));
        JsonMapper json = platform.context(LocalPlatform.MONITOR).getBean(JsonMapper.class);
        Thread reader = outcomeReader(json);
        try {
            Path updaterFiles = clever.homeOf("updater").resolve("oneroster11");
            await("the live tenant's first upload")
                    .atMost(PIPELINE)
                    .pollInterval(POLL)
                    .until(() -> Files.isRegularFile(updaterFiles.resolve("users.csv")));

            SyncOutcome dryRun = awaitPublish("drydale", OutcomeReason.DRY_RUN);
            assertThat(dryRun.message()).contains("dry-run");
            SyncOutcome paused = awaitPublish("pauseville", OutcomeReason.PAUSED);
            assertThat(paused.message()).startsWith("paused until " + today.plusDays(2) + " 00:00 (UTC)");
            SyncOutcome refused = awaitPublish("guarded", OutcomeReason.DESTINATION_GUARD);
            assertThat(refused.message()).contains("guarded", "guarded-sftp", "[SA]");
            for (String user : List.of("drydale", "pauseville", "guarded")) {
                assertThat(clever.homeOf(user).resolve("oneroster11").resolve("users.csv"))
                        .as("nothing uploaded for " + user)
                        .doesNotExist();
            }
            String guardMail = await("the destination guard's mail")
                    .atMost(PIPELINE)
                    .pollInterval(POLL)
                    .until(() -> mailsTo(LEADER), mails -> mails.stream().anyMatch(m -> m.contains("Upload refused")))
                    .stream()
                    .filter(m -> m.contains("Upload refused"))
                    .findFirst()
                    .orElseThrow();
            assertThat(guardMail).contains("guarded-sftp", "allowedSchoolIds");

            // 8 of the school's 10 students renamed at once: over the 75% update threshold.
            Files.writeString(dropOf("updater").resolve("users.csv"), users(8));
            awaitMap("updater", OutcomeReason.UPDATE_THRESHOLD);
            assertThat(Files.readString(updaterFiles.resolve("users.csv")))
                    .as("held updates stay as last published")
                    .doesNotContain("Renamed");

            HttpResponse<String> approved = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.portOf(LocalPlatform.MONITOR)
                                    + "/api/holds/updater/SA/approve"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
            assertThat(approved.body()).contains("\"approvedDeletions\":8");
            await("the approved updates on the SFTP side")
                    .atMost(PIPELINE)
                    .pollInterval(POLL)
                    .until(() ->
                            Files.readString(updaterFiles.resolve("users.csv")).contains("Renamed"));
        } finally {
            reader.interrupt();
            reader.join(10_000);
        }
    }

    private String tenant(String id, String settings, String destinationSettings, Path secrets) throws IOException {
        Path drop = Files.createDirectories(dir.resolve("drops").resolve(id));
        for (String file : DROP_FILES) {
            Files.write(drop.resolve(file), resource(file));
        }
        Files.writeString(drop.resolve("users.csv"), users(0));
        clever.withPasswordUser(id, "pw-" + id);
        Files.writeString(secrets.resolve(id.toUpperCase() + "_SFTP_PASSWORD"), "pw-" + id + "\n");
        return """
                  - id: %s
                    schoolIds: ["SA"]
                    syncInterval: 1s
                %s    source:
                      type: CSV_DROP
                      csvDrop:
                        folder: "%s"
                    destinations:
                      - id: %s-sftp
                        host: 127.0.0.1
                        port: %d
                        username: %s
                        passwordRef: %s_SFTP_PASSWORD
                        knownHosts: "%s"
                %s    leaders: ["%s"]
                """
                .formatted(
                        id,
                        settings,
                        drop,
                        id,
                        clever.port(),
                        id,
                        id.toUpperCase(),
                        clever.knownHostsLine(),
                        destinationSettings,
                        "guarded".equals(id) ? LEADER : "lead@" + id + ".example.org");
    }

    /**
     * The drop's teacher and ten students (the drop's enrollments name U2 and U3), the first {@code renamed} of them
     * under a new given name.
     */
    private static String users(int renamed) {
        StringBuilder csv = new StringBuilder(USERS_HEADER).append('\n');
        csv.append("U1,,,true,SA,teacher,tlee,,Tom,Lee,,T1,,,,,,\n");
        for (int i = 1; i <= 10; i++) {
            String id = i <= 2 ? "U" + (i + 1) : String.format("S%02d", i);
            csv.append(String.format(
                    "%s,,,true,SA,student,stu%02d,,%s,Family%02d,,%d,,,,,05,%n",
                    id, i, i <= renamed ? "Renamed" : "Given" + i, i, i));
        }
        return csv.toString();
    }

    private Path dropOf(String tenant) {
        return dir.resolve("drops").resolve(tenant);
    }

    private SyncOutcome awaitPublish(String tenant, OutcomeReason reason) {
        return awaitOutcome(o -> o.stage() == Stage.PUBLISH && tenant.equals(o.tenantId()) && o.reason() == reason);
    }

    private SyncOutcome awaitMap(String tenant, OutcomeReason reason) {
        return awaitOutcome(o -> o.stage() == Stage.MAP && tenant.equals(o.tenantId()) && o.reason() == reason);
    }

    private SyncOutcome awaitOutcome(Predicate<SyncOutcome> wanted) {
        return await().atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> outcomes.stream().filter(wanted).findFirst().orElse(null), found -> found != null);
    }

    /** Follows the outcomes topic from its start on a thread of its own, for the awaits above. */
    private Thread outcomeReader(JsonMapper json) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "controls-e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.OUTCOMES));
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        outcomes.add(json.readValue(record.value(), SyncOutcome.class));
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private List<String> mailsTo(String recipient) throws Exception {
        List<String> mails = new java.util.ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            boolean toRecipient = java.util.Arrays.stream(message.getAllRecipients())
                    .anyMatch(address -> address.toString().equals(recipient));
            if (toRecipient) {
                mails.add(message.getSubject() + "\n" + ArchivedMails.text(message));
            }
        }
        return mails;
    }

    private static byte[] resource(String name) {
        try (InputStream in = UploadControlsEndToEndTest.class.getResourceAsStream("/e2e/drop/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
