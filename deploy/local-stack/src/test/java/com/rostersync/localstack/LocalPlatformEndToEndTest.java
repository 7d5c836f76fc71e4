package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.SchoolLevel;
import com.rostersync.monitor.observability.MetricNameChecker;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end in one JVM: a real KRaft broker, the real MINA SFTP server, an H2 SIS holding a small
 * fixture school, and the four services. The uploaded files are compared row for row; then one student changes in
 * the SIS and the change must reach the files; finally every metric our dashboards and alert rules query must be in
 * the services' real Prometheus scrapes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformEndToEndTest {

    private static final String USERNAME = "fixture-clever";
    private static final List<String> FILES = List.of(
            "manifest.csv",
            "orgs.csv",
            "academicSessions.csv",
            "courses.csv",
            "classes.csv",
            "users.csv",
            "enrollments.csv",
            "demographics.csv");
    private static final DemoCatalog FIXTURE = new DemoCatalog(List.of(new DemoTenant(
            "fixture",
            "Fixture District",
            true,
            List.of(new DemoSchool("FIX", "Fixture Academy", SchoolLevel.HIGH)),
            List.of(new DemoDestination("fixture-sftp", USERNAME, List.of("FIX"))),
            List.of("lead@fixture.example.org"))));

    @TempDir
    static Path workdir;

    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.start(PlatformSettings.forTest(
                workdir,
                FIXTURE,
                sis -> sis.createFromScript(new ClassPathResource("e2e/fixture-school.sql")),
                Map.of()));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void uploadsExactlyTheFixtureSchoolsRows() {
        Path files = platform.filesOf(USERNAME);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> FILES.stream().allMatch(f -> Files.isRegularFile(files.resolve(f))));
        for (String file : FILES) {
            assertThat(GoldenFiles.readOrEmpty(files.resolve(file))).as(file).isEqualTo(GoldenFiles.expected(file));
        }
    }

    /** The paths deploy/k8s probes: each service's own yml turns its liveness and readiness groups on. */
    @Test
    @Order(1)
    void everyServiceAnswersOnTheHealthGroupsItsKubernetesProbesAsk() throws Exception {
        for (String service : LocalPlatform.SERVICES) {
            for (String group : List.of("liveness", "readiness")) {
                HttpResponse<String> health = get(service, "/actuator/health/" + group);
                assertThat(health.statusCode()).as(service + " " + group).isEqualTo(200);
                assertThat(health.body()).as(service + " " + group).contains("\"status\":\"UP\"");
            }
        }
    }

    @Test
    @Order(2)
    void aStudentChangedInTheSisArrivesInTheFiles() throws Exception {
        assertThat(
                        platform.sis()
                                .update(
                                        "update people set family_name = 'O''Brien-Walsh', username = 'zobrienwalsh' where person_id = 'S1'"))
                .isEqualTo(new com.rostersync.localstack.sis.SisDatabase.Edit(1, 1));
        Path users = platform.filesOf(USERNAME).resolve("users.csv");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> GoldenFiles.readOrEmpty(users).contains("zobrienwalsh"));
        assertThat(GoldenFiles.readOrEmpty(users))
                .isEqualTo(GoldenFiles.expected("users.csv")
                        .replace(",zobrien,", ",zobrienwalsh,")
                        .replace("O'Brien", "O'Brien-Walsh"));
        assertThat(scrape("roster-extractor"))
                .as("the change arrived through an incremental read (change tracking), not only full reads")
                .containsPattern("rostersync_extractor_reads_total\\{[^}]*mode=\"incremental\"[^}]*\\} [1-9]");
    }

    @Test
    @Order(3)
    void theHistoryListsTheExtractMapAndPublishRunsAndTheChangedRecordsFieldsWithoutPersonalData() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String renamedRun = await("a map run that updated S1, in the monitor's history")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            for (JsonNode run : json.readTree(
                                    api("/api/runs?tenant=fixture&limit=50").body())) {
                                if (run.get("stage").asString().equals("MAP")
                                        && run.get("counts").get("updated").asLong() > 0
                                        && api("/api/runs/" + run.get("runId").asString() + "/changes.csv")
                                                .body()
                                                .contains("UPDATED,PERSON,S1,")) {
                                    return run.get("runId").asString();
                                }
                            }
                            return null;
                        },
                        found -> found != null);

        JsonNode runs = json.readTree(api("/api/runs?tenant=fixture&limit=50").body());
        assertThat(runs.findValuesAsString("stage")).contains("EXTRACT", "MAP", "PUBLISH");
        List<String> finished = runs.findValuesAsString("finishedAt");
        assertThat(finished).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(runs.findValuesAsString("unit")).contains("PUBLISH/fixture/fixture-sftp", "MAP/fixture/FIX");

        HttpResponse<String> csv = api("/api/runs/" + renamedRun + "/changes.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body().lines().findFirst()).hasValue("action,type,sourcedId,fields,rule");
        assertThat(csv.body().lines().filter(line -> line.startsWith("UPDATED,PERSON,S1,")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("familyName", "username"));
        assertThat(csv.body()).doesNotContain("O'Brien", "Walsh", "Zo", "zobrien", "Miriam", "Okafor");
    }

    @Test
    @Order(3)
    void theInvalidRecordMailsTheDistrictLeaderWithoutPersonalData() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> platform.savedMails() >= 1);
        String mail = GoldenFiles.readOrEmpty(platform.mailFolder().resolve("1.eml"));
        assertThat(mail)
                .contains("lead@fixture.example.org")
                .contains("demographics.csv")
                .contains("T1");
        assertThat(mail).doesNotContain("Miriam", "Okafor", "Zo", "O'Brien", "King, Jr.", "1980-05-06");
    }

    @Test
    @Order(4)
    void everyMetricOnTheDashboardsAndInTheAlertRulesIsExported() throws Exception {
        Set<String> queried = new TreeSet<>();
        MetricNameChecker.dashboards().forEach(dashboard -> queried.addAll(MetricNameChecker.inDashboard(dashboard)));
        MetricNameChecker.ruleFiles().forEach(rules -> queried.addAll(MetricNameChecker.inRules(rules)));
        assertThat(queried)
                .as("metric names queried by deploy/grafana and deploy/prometheus")
                .isNotEmpty()
                .contains("kafka_consumer_fetch_manager_records_lag", "rostersync_dead_letter_records");
        // Kafka's per-partition metrics (records_lag) reach Micrometer at its next look for new client metrics,
        // up to a minute after the partitions were assigned.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> exported = new TreeSet<>();
                    for (String service : LocalPlatform.SERVICES) {
                        exported.addAll(MetricNameChecker.exportedBy(scrape(service)));
                    }
                    assertThat(MetricNameChecker.missing(queried, exported))
                            .as("queried but exported by no service")
                            .isEmpty();
                });
    }

    @Test
    @Order(5)
    void stopsWithoutAnErrorAndItsLogFileNamesEveryService() {
        Path log = workdir.resolve("logs/local-stack.log");
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        LocalPlatform.SERVICES.forEach(service -> ports.put(service, platform.portOf(service)));
        platform.close();

        List<String> lines = GoldenFiles.readOrEmpty(log).lines().toList();
        assertThat(lines).as("DIR/logs/local-stack.log").isNotEmpty();
        ports.forEach((service, port) -> assertThat(lines)
                .as("Tomcat (a library, not our package) logs its start as " + service)
                .anyMatch(
                        line -> line.contains("[" + service + "]") && line.contains("Tomcat started on port " + port)));
        assertThat(lines).as("ERROR lines, e.g. at shutdown").noneMatch(line -> line.contains(" ERROR "));
        try (var mails = Files.list(platform.mailFolder())) {
            assertThat(mails.map(GoldenFiles::readOrEmpty))
                    .as("the SIS edit made while the stack ran")
                    .noneMatch(mail -> mail.contains("could not be reached"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(5)
    void aDestinationPasswordRotatedOnDiskIsUsedWithoutTouchingTheRegistryAndTheIncidentResolvesWithAMail()
            throws Exception {
        Path secret = platform.workdir()
                .resolve("secrets")
                .resolve(FIXTURE.destinations().get(0).passwordRef());
        String password = Files.readString(secret).strip();
        FileTime registryWritten = Files.getLastModifiedTime(platform.tenantsFile());
        String wrong = "rotated-wrong-" + System.nanoTime();
        rotate(secret, wrong);
        assertThat(platform.sis()
                        .update("update people set family_name = 'Rotation' where person_id = 'S1'")
                        .rows())
                .isEqualTo(1);

        String refused = await("a credentials mail after the wrong password was written")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> mailWithSubject("Action needed: Wrong credentials for the SFTP destination"),
                        found -> found != null);
        assertThat(refused)
                .contains("Login refused: " + USERNAME + "@" + platform.sftp().host() + ":"
                        + platform.sftp().port())
                .doesNotContain(wrong, password);

        rotate(secret, password + "\n");

        String resolved = await("the resolution mail after the right password was written back")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> mailWithSubject("Resolved: Wrong credentials for the SFTP destination"),
                        found -> found != null);
        assertThat(resolved).doesNotContain(wrong, password);
        assertThat(GoldenFiles.readOrEmpty(platform.filesOf(USERNAME).resolve("users.csv")))
                .contains("Rotation");
        assertThat(Files.getLastModifiedTime(platform.tenantsFile()))
                .as("tenants.yml was not touched")
                .isEqualTo(registryWritten);
    }

    /** Replaces a secret file in one step, as operations.md asks (a watcher never sees it half-written). */
    private static void rotate(Path secret, String value) throws IOException {
        Path next = Files.writeString(secret.resolveSibling(secret.getFileName() + ".new"), value);
        Files.move(next, secret, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The subject and decoded text of the first archived mail whose subject contains {@code subject}, or null. */
    private static String mailWithSubject(String subject) throws Exception {
        List<Path> mails;
        try (var files = Files.list(platform.mailFolder())) {
            mails = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path file : mails) {
            try (var in = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage((Session) null, in);
                if (message.getSubject() != null && message.getSubject().contains(subject)) {
                    return message.getSubject() + "\n" + text(message);
                }
            }
        }
        return null;
    }

    private static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    /** One real Prometheus scrape of a service. */
    private static String scrape(String service) throws Exception {
        HttpResponse<String> scrape = get(service, "/actuator/prometheus");
        assertThat(scrape.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
        return scrape.body();
    }

    /** A GET of the monitor's API as the demo's operator. */
    private static HttpResponse<String> api(String path) throws Exception {
        String token = Files.readString(platform.workdir().resolve("secrets").resolve(LocalPlatform.API_TOKEN_FILE))
                .strip();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.portOf("sync-monitor") + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** A GET without credentials, as Prometheus and the kubelet send it. */
    private static HttpResponse<String> get(String service, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.portOf(service) + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
