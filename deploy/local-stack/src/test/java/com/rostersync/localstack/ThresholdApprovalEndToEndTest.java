package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.localstack.ArchivedMails.Mail;
import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.SchoolLevel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deletion hold end to end (seed: deletion threshold; Clever's sync holds), with every real part in
 * one JVM: a school of 21 users loses 5 students in the SIS at once (10% allows 2), in the same change as a new
 * student arrives. The new student must reach the SFTP files while the 5 stay in them; the monitor must show the hold
 * through its API and mail the leader once, without personal data; an approval through the API (and only an
 * authenticated one) must archive the 5 in the next upload, resolve the incident with one mail, and leave an audit
 * entry naming the operator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThresholdApprovalEndToEndTest {

    private static final String TENANT = "holdfast";
    private static final String SCHOOL = "HLD";
    private static final String USERNAME = "holdfast-clever";
    private static final String LEADER = "lead@holdfast.example.org";
    private static final String INCIDENT_ID = "MAP/" + TENANT + "/" + SCHOOL + "/THRESHOLD";
    private static final DemoCatalog CATALOG = new DemoCatalog(List.of(new DemoTenant(
            TENANT,
            "Holdfast District",
            true,
            List.of(new DemoSchool(SCHOOL, "Holdfast Middle School", SchoolLevel.MIDDLE)),
            List.of(new DemoDestination("holdfast-sftp", USERNAME, List.of(SCHOOL))),
            List.of(LEADER))));

    private static final List<String> ENROLLED = IntStream.rangeClosed(1, 20)
            .mapToObj(i -> String.format("HS%02d", i))
            .toList();
    private static final List<String> DELETED = ENROLLED.subList(0, 5);
    private static final String NEW_STUDENT = "HS21";
    /** Every name in the fixture (see e2e/threshold-school.sql) plus the new student's: none may reach a mail. */
    private static final List<String> PERSONAL_DATA = List.of(
            "Amara",
            "Whitfield",
            "Bastian",
            "Holloway",
            "Celeste",
            "Marchetti",
            "Dmitri",
            "Abernathy",
            "Esperanza",
            "Quintero",
            "Fintan",
            "Gallagher",
            "Giselle",
            "Montague",
            "Horatio",
            "Pembroke",
            "Ingrid",
            "Vasquez-Lund",
            "Jasper",
            "Thornbury",
            "Keziah",
            "Okonkwo",
            "Leopold",
            "Fairweather",
            "Marisol",
            "Delacroix",
            "Nikolai",
            "Ashworth",
            "Ottilie",
            "Brannigan",
            "Perpetua",
            "Sinclair",
            "Quillon",
            "Harrow",
            "Rosalind",
            "Achterberg",
            "Severin",
            "Blackwood",
            "Theodora",
            "Nightingale",
            "Winifred",
            "Castellanos",
            "Ulysses",
            "Winterbourne",
            "awhitfield",
            "uwinterbourne");

    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    static Path workdir;

    static LocalPlatform platform;
    static final HttpClient http = HttpClient.newHttpClient();
    static JsonMapper json;
    static String approvalCommandId;

    @BeforeAll
    static void startPlatformAndWaitForTheFirstUpload() {
        platform = LocalPlatform.start(PlatformSettings.forTest(
                workdir,
                CATALOG,
                sis -> sis.createFromScript(new ClassPathResource("e2e/threshold-school.sql")),
                Map.of()));
        json = platform.context(LocalPlatform.MONITOR).getBean(JsonMapper.class);
        await("first upload of all 20 students")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(POLL)
                .until(() -> column(file("enrollments.csv"), 5).containsAll(ENROLLED)
                        && userIds().containsAll(ENROLLED));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void deletionsBeyondTheThresholdAreHeldWhileANewStudentStillReachesTheFiles() throws Exception {
        String deleted = DELETED.stream()
                .map(id -> "'" + id + "'")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        try (Connection connection = platform.sis().connect();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.executeUpdate("delete from enrollments where person_id in (" + deleted + ")");
            sql.executeUpdate("delete from person_schools where person_id in (" + deleted + ")");
            assertThat(sql.executeUpdate("delete from people where person_id in (" + deleted + ")"))
                    .isEqualTo(5);
            sql.executeUpdate("insert into people (person_id, role, username, enabled, given_name, family_name,"
                    + " identifier, grades, sis_user_id) values ('HS21', 'STUDENT', 'uwinterbourne', true, 'Ulysses',"
                    + " 'Winterbourne', 'ST-21', '07', 'HS21')");
            sql.executeUpdate("insert into person_schools (person_id, school_id) values ('HS21', 'HLD')");
            sql.executeUpdate("insert into enrollments (enrollment_id, section_id, person_id, role, is_primary,"
                    + " begin_date, end_date) values ('HE-HS21', 'HSEC-1', 'HS21', 'STUDENT', false,"
                    + " date '2026-08-17', date '2027-06-11')");
            connection.commit();
        }

        await("the new student in users.csv")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> userIds().contains(NEW_STUDENT));
        assertThat(userIds())
                .as("users.csv while the deletions are held")
                .containsAll(ENROLLED)
                .contains(NEW_STUDENT, "HT1");
        assertThat(column(file("enrollments.csv"), 5))
                .as("enrollments.csv while the deletions are held")
                .containsAll(ENROLLED)
                .contains(NEW_STUDENT);
    }

    @Test
    @Order(2)
    void theHoldIsAnOpenThresholdIncidentInTheApiAndOneMailWithoutPersonalData() throws Exception {
        JsonNode incident = await("THRESHOLD incident in GET /api/incidents")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> openIncident(INCIDENT_ID), found -> found != null);
        assertThat(incident.path("reason").asString()).isEqualTo("THRESHOLD");
        assertThat(incident.path("tenantId").asString()).isEqualTo(TENANT);
        assertThat(incident.path("scope").asString()).isEqualTo(SCHOOL);
        List<String> breaches = new ArrayList<>();
        for (JsonNode breach : incident.path("details").path("thresholdBreaches")) {
            breaches.add(breach.path("entityType").asString() + " "
                    + breach.path("toArchive").asLong() + "/"
                    + breach.path("total").asLong() + " allowed "
                    + breach.path("allowed").asLong());
        }
        assertThat(breaches).contains("PERSON 5/20 allowed 2", "ENROLLMENT 5/21 allowed 2");

        List<Mail> opened = await("THRESHOLD mail")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(
                        () -> mailsAbout(mail -> mail.subject().startsWith("[Roster sync] Action needed")),
                        mails -> !mails.isEmpty());
        Mail mail = opened.get(0);
        assertThat(opened).hasSize(1);
        assertThat(mail.recipients()).containsExactly(LEADER);
        assertThat(mail.subject()).contains("Deletions held", "school " + SCHOOL);
        assertThat(mail.text())
                .contains(
                        "5 students of 20 to archive (over the 2 allowed at",
                        "5 enrollments of 21 to archive (over the 2 allowed at",
                        "Nothing was archived",
                        "/api/holds/" + TENANT + "/" + SCHOOL);
        assertThat(mail.subject() + mail.text()).doesNotContain(PERSONAL_DATA);
    }

    @Test
    @Order(2)
    void theHoldsChangeReportListsTheHeldStudentsUnderItsReasonAndTheCreatedOne() throws Exception {
        String csv = await("a THRESHOLD map run of " + SCHOOL + " with its change report")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(
                        () -> {
                            URI runs = URI.create(monitor() + "/api/runs?tenant=" + TENANT + "&school=" + SCHOOL);
                            for (JsonNode run : json.readTree(get(runs).body())) {
                                if (run.path("reason").asString().equals("THRESHOLD")
                                        && !run.path("changes").isNull()) {
                                    return get(URI.create(monitor()
                                                    + run.path("changes").asString()))
                                            .body();
                                }
                            }
                            return null;
                        },
                        found -> found != null);

        for (String held : DELETED) {
            assertThat(csv).contains("HELD,PERSON," + held + ",,THRESHOLD");
        }
        assertThat(csv).contains("CREATED,PERSON," + NEW_STUDENT + ",");
        assertThat(csv).doesNotContain(PERSONAL_DATA);
    }

    @Test
    @Order(3)
    void anApprovalWithoutAValidOperatorTokenIsRefusedAndReleasesNothing() throws Exception {
        assertThat(post(approveUri(), null).statusCode()).isEqualTo(401);
        assertThat(post(approveUri(), "Bearer not-the-" + token()).statusCode()).isEqualTo(401);
        assertThat(get(URI.create(monitor() + "/api/holds/" + TENANT + "/" + SCHOOL))
                        .statusCode())
                .as("the hold is still open")
                .isEqualTo(200);
        assertThat(userIds()).containsAll(DELETED);
    }

    @Test
    @Order(4)
    void anApprovalThroughTheApiArchivesTheHeldStudentsOnTheSftpSide() throws Exception {
        HttpResponse<String> approved = post(approveUri(), "Bearer " + token());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        JsonNode body = json.readTree(approved.body());
        assertThat(body.path("approvedBy").asString()).isEqualTo(LocalPlatform.API_OPERATOR);
        approvalCommandId = body.path("commandId").asString();

        // A set's files are renamed into place one after another, manifest last (AtomicSftpUploader): for a few
        // milliseconds the new users.csv can stand beside the old enrollments.csv, so both are awaited.
        await("deleted students gone from users.csv and enrollments.csv")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> userIds().stream().noneMatch(DELETED::contains)
                        && userIds().contains(NEW_STUDENT)
                        && column(file("enrollments.csv"), 5).stream().noneMatch(DELETED::contains));
        List<String> remaining = ENROLLED.subList(5, ENROLLED.size());
        assertThat(userIds())
                .containsAll(remaining)
                .contains(NEW_STUDENT, "HT1")
                .hasSize(remaining.size() + 2);
        Set<String> enrolled = column(file("enrollments.csv"), 5);
        assertThat(enrolled)
                .as("userSourcedIds in enrollments.csv")
                .doesNotContainAnyElementsOf(DELETED)
                .containsAll(remaining)
                .contains(NEW_STUDENT, "HT1");
        assertThat(column(file("enrollments.csv"), 0))
                .as("enrollment sourcedIds")
                .doesNotContainAnyElementsOf(
                        DELETED.stream().map(id -> "HE-" + id).toList());
    }

    @Test
    @Order(5)
    void theApprovalResolvesTheIncidentWithOneMailAndIsAudited() throws Exception {
        await("THRESHOLD incident resolved")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> openIncident(INCIDENT_ID) == null);
        assertThat(get(URI.create(monitor() + "/api/holds/" + TENANT + "/" + SCHOOL))
                        .statusCode())
                .isEqualTo(404);

        List<Mail> resolved = await("resolution mail")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(
                        () -> mailsAbout(mail -> mail.subject().startsWith("[Roster sync] Resolved")),
                        mails -> !mails.isEmpty());
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).recipients()).containsExactly(LEADER);
        assertThat(resolved.get(0).subject() + resolved.get(0).text()).doesNotContain(PERSONAL_DATA);
        assertThat(mailsAbout(mail -> true))
                .as("mails about the hold: one opened, one resolved")
                .hasSize(2);

        AuditEntry audit = approvalAudit();
        assertThat(audit.actor()).isEqualTo(LocalPlatform.API_OPERATOR);
        assertThat(audit.action()).isEqualTo("APPROVE_HOLD");
        assertThat(audit.tenantId()).isEqualTo(TENANT);
        assertThat(audit.schoolId()).isEqualTo(SCHOOL);
    }

    private static AuditEntry approvalAudit() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "threshold-e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            List<AuditEntry> entries = new ArrayList<>();
            return await("AuditEntry for the approval")
                    .atMost(PIPELINE)
                    .until(
                            () -> {
                                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                                    entries.add(json.readValue(record.value(), AuditEntry.class));
                                }
                                return entries.stream()
                                        .filter(e -> approvalCommandId.equals(e.commandId()))
                                        .findFirst()
                                        .orElse(null);
                            },
                            found -> found != null);
        }
    }

    private static JsonNode openIncident(String id) throws Exception {
        HttpResponse<String> response = get(URI.create(monitor() + "/api/incidents"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode incident : json.readTree(response.body())) {
            if (id.equals(incident.path("id").asString())) {
                return incident;
            }
        }
        return null;
    }

    private static URI approveUri() {
        return URI.create(monitor() + "/api/holds/" + TENANT + "/" + SCHOOL + "/approve");
    }

    private static String monitor() {
        return "http://127.0.0.1:" + platform.portOf(LocalPlatform.MONITOR);
    }

    private static String token() throws IOException {
        return Files.readString(platform.workdir().resolve("secrets").resolve(LocalPlatform.API_TOKEN_FILE))
                .strip();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> userIds() {
        return column(file("users.csv"), 0);
    }

    private static String file(String name) {
        try {
            return Files.readString(platform.filesOf(USERNAME).resolve(name), StandardCharsets.UTF_8);
        } catch (IOException notYetThere) {
            return "";
        }
    }

    /** One column of a CSV whose rows (in this fixture) quote nothing: ids only, header skipped. */
    private static Set<String> column(String csv, int index) {
        Set<String> values = new TreeSet<>();
        csv.lines()
                .skip(1)
                .map(line -> line.split(",", -1))
                .filter(fields -> fields.length > index)
                .forEach(fields -> values.add(fields[index]));
        return values;
    }

    /** The archived mails whose body names the hold's incident. */
    private static List<Mail> mailsAbout(Predicate<Mail> filter) throws Exception {
        return ArchivedMails.in(platform.mailFolder()).stream()
                .filter(mail -> mail.text().contains("Incident " + INCIDENT_ID) && filter.test(mail))
                .toList();
    }
}
