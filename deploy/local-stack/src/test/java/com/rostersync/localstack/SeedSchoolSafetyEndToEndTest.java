package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.SchoolLevel;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.CsvRow;
import com.rostersync.oneroster.OneRosterFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
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
 * The deletion rules at the seed's size, through every real part: an H2 SIS with the seed's school (501 students with
 * demographics and six enrollments each, 22 staff), the four services, the SFTP server and the mail catcher, at the
 * local stack's 10% threshold. What the receiver would see is read from the uploaded files after every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedSchoolSafetyEndToEndTest {

    private static final String TENANT = "riverside";
    private static final String SCHOOL = "RIV";
    private static final String USERNAME = "riverside-hs";
    private static final DemoCatalog CATALOG = new DemoCatalog(List.of(new DemoTenant(
            TENANT,
            "Riverside District",
            true,
            List.of(new DemoSchool(SCHOOL, "Riverside High", SchoolLevel.HIGH)),
            List.of(new DemoDestination("riverside-high", USERNAME, List.of(SCHOOL))),
            List.of("lead@riverside.example.org"))));
    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    static Path workdir;

    static LocalPlatform platform;
    static JsonMapper json;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatformAndWaitForTheFirstUpload() {
        platform = LocalPlatform.start(PlatformSettings.forTest(
                workdir,
                CATALOG,
                sis -> sis.createFromScript(new ClassPathResource("e2e/seed-school-501.sql")),
                Map.of()));
        json = platform.context(LocalPlatform.MONITOR).getBean(JsonMapper.class);
        await("first upload of the whole school")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(POLL)
                .until(() -> rows("users.csv").size() == 523
                        && rows("enrollments.csv").size() == 501 * 6 + 6);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void fiftyStudentsLeavingAtOnceAreArchivedWithTheirRowsAndNoIncident() throws Exception {
        removeStudents(1, 50);

        // A set's files are renamed into place one after another, manifest last (AtomicSftpUploader): the new
        // users.csv can stand beside the old enrollments.csv for a few milliseconds, so the whole set is awaited.
        await("the 50 archived")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> rows("users.csv").size() == 523 - 50
                        && rows("enrollments.csv").size() == 451 * 6 + 6
                        && rows("demographics.csv").size() == 451);
        assertThat(ids("users.csv")).doesNotContain("RS1", "RS50").contains("RS51");
        assertThat(rows("enrollments.csv")).hasSize(451 * 6 + 6);
        assertThat(rows("demographics.csv")).hasSize(451);
        assertThat(openIncidents())
                .as("no incident for an archive within the threshold")
                .isEmpty();
        assertThat(mails()).as("no mail").isEmpty();
    }

    @Test
    @Order(2)
    void fiftyOneLeavingWithCreatesAndRenamesArchiveNothingAndMailOneTrueHold() throws Exception {
        addStudents(1, 50);
        await("back to 501 students")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> rows("users.csv").size() == 523
                        && rows("enrollments.csv").size() == 501 * 6 + 6);
        try (Connection connection = platform.sis().connect();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            deleteStudents(sql, 51, 101);
            for (int i = 1; i <= 3; i++) {
                sql.executeUpdate("insert into people (person_id, role, username, enabled, given_name, family_name,"
                        + " identifier, grades, sis_user_id) values ('RN" + i + "', 'STUDENT', 'newcomer" + i
                        + "', true, 'Nova', 'Newland', 'NEW-" + i + "', '09', 'RN" + i + "')");
                sql.executeUpdate(
                        "insert into person_schools (person_id, school_id) values ('RN" + i + "', '" + SCHOOL + "')");
            }
            sql.executeUpdate("update people set family_name = 'Renamed' where person_id in ('RS200', 'RS201')");
            connection.commit();
        }

        await("the creates uploaded").atMost(PIPELINE).pollInterval(POLL).until(() -> ids("users.csv")
                .containsAll(List.of("RN1", "RN2", "RN3")));
        assertThat(ids("users.csv"))
                .as("nothing archived")
                .contains("RS51", "RS101")
                .hasSize(523 + 3);
        assertThat(rows("enrollments.csv")).as("enrollments kept").hasSize(501 * 6 + 6);
        assertThat(rows("demographics.csv")).as("demographics kept").hasSize(501);
        assertThat(familyName("RS200")).isEqualTo("Renamed");

        JsonNode hold = await("one THRESHOLD incident")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> openIncident("THRESHOLD"), found -> found != null);
        List<String> held = new ArrayList<>();
        hold.path("details")
                .path("thresholdBreaches")
                .forEach(breach -> held.add(breach.path("counted").asString() + " "
                        + breach.path("toArchive").asLong()));
        assertThat(held).containsExactlyInAnyOrder("students 51", "enrollments 306", "demographics 51");
        assertThat(openIncidents())
                .as("no validation incident for the held rows")
                .hasSize(1);
        List<String> mails = await("the hold mail")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(SeedSchoolSafetyEndToEndTest::mails, found -> !found.isEmpty());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0))
                .contains(
                        "Deletions held",
                        "51 students of 501 to archive (over the 50 allowed at 10",
                        "306 enrollments of 3,012 to archive",
                        "51 demographics of 501 to archive",
                        "Nothing was archived")
                .doesNotContain("Rowena", "Riverbank", "student51");
    }

    @Test
    @Order(3)
    void approvingTheHoldArchivesEveryHeldRow() throws Exception {
        HttpResponse<String> approved = post("/api/holds/" + TENANT + "/" + SCHOOL + "/approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);

        await("the 51 archived with their rows")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(() -> rows("users.csv").size() == 523 - 51 + 3
                        && rows("enrollments.csv").size() == 450 * 6 + 6
                        && rows("demographics.csv").size() == 450);
        assertThat(ids("users.csv")).doesNotContain("RS51", "RS101").contains("RN1", "RS102");
        assertThat(rows("enrollments.csv")).hasSize(450 * 6 + 6);
        assertThat(rows("demographics.csv")).hasSize(450);
        await("the hold resolved").atMost(PIPELINE).pollInterval(POLL).until(() -> openIncidents()
                .isEmpty());
    }

    @Test
    @Order(4)
    void everyPersonReKeyedIsOneIdChurnHoldAndNoUploadCarriesAUsernameTwice() throws Exception {
        Set<String> before = ids("users.csv");
        try (Connection connection = platform.sis().connect();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            String people = "person_id, role, username, enabled, given_name, family_name, middle_name, identifier,"
                    + " email, sms, phone, grades, sis_user_id";
            sql.executeUpdate("insert into people (" + people + ") select 'K' || person_id, role, username, enabled,"
                    + " given_name, family_name, middle_name, identifier, email, sms, phone, grades, sis_user_id"
                    + " from people");
            sql.executeUpdate("insert into person_schools (person_id, school_id) select 'K' || person_id, school_id"
                    + " from person_schools");
            sql.executeUpdate("update enrollments set person_id = 'K' || person_id");
            sql.executeUpdate("update demographics set person_id = 'K' || person_id");
            sql.executeUpdate("delete from person_schools where person_id not like 'K%'");
            sql.executeUpdate("delete from people where person_id not like 'K%'");
            connection.commit();
        }

        JsonNode churn = await("one ID_CHURN incident, no username twice meanwhile")
                .atMost(PIPELINE)
                .pollInterval(POLL)
                .until(
                        () -> {
                            assertThat(usernames()).doesNotHaveDuplicates();
                            return openIncident("ID_CHURN");
                        },
                        found -> found != null);
        assertThat(churn.path("details").path("idChanges").size()).isPositive();
        assertThat(openIncidents()).as("the re-key is one hold").hasSize(1);
        assertThat(ids("users.csv")).as("the receiver still has the old ids").isEqualTo(before);

        HttpResponse<String> approved = post("/api/holds/" + TENANT + "/" + SCHOOL + "/approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        await("the new ids uploaded").atMost(PIPELINE).pollInterval(POLL).until(() -> {
            assertThat(usernames()).doesNotHaveDuplicates();
            return ids("users.csv").stream().allMatch(id -> id.startsWith("K"));
        });
        assertThat(ids("users.csv")).hasSameSizeAs(before);
        assertThat(rows("enrollments.csv")).hasSize(450 * 6 + 6);
    }

    private static void removeStudents(int from, int to) throws Exception {
        try (Connection connection = platform.sis().connect();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            deleteStudents(sql, from, to);
            connection.commit();
        }
    }

    /** Students RS{from}..RS{to} as the fixture has them: school link, demographics, six enrollments. */
    private static void addStudents(int from, int to) throws Exception {
        String range = "system_range(" + from + ", " + to + ")";
        try (Connection connection = platform.sis().connect();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.executeUpdate("insert into people (person_id, role, username, enabled, given_name, family_name,"
                    + " identifier, grades, sis_user_id) select 'RS' || x, 'STUDENT', 'student' || x, true, 'Rowena',"
                    + " 'Riverbank' || x, 'ST-' || x, '09', 'RS' || x from " + range);
            sql.executeUpdate("insert into person_schools (person_id, school_id) select 'RS' || x, '" + SCHOOL
                    + "' from " + range);
            sql.executeUpdate("insert into enrollments (enrollment_id, section_id, person_id, role, is_primary)"
                    + " select 'RE-' || s.x || '-' || k.x, 'RSEC-' || k.x, 'RS' || s.x, 'STUDENT', false from "
                    + range + " s cross join system_range(1, 6) k");
            sql.executeUpdate("insert into demographics (person_id, sex) select 'RS' || x, 'female' from " + range);
            connection.commit();
        }
    }

    private static void deleteStudents(Statement sql, int from, int to) throws Exception {
        String ids = String.join(
                ",",
                IntStream.rangeClosed(from, to).mapToObj(i -> "'RS" + i + "'").toList());
        sql.executeUpdate("delete from enrollments where person_id in (" + ids + ")");
        sql.executeUpdate("delete from demographics where person_id in (" + ids + ")");
        sql.executeUpdate("delete from person_schools where person_id in (" + ids + ")");
        assertThat(sql.executeUpdate("delete from people where person_id in (" + ids + ")"))
                .isEqualTo(to - from + 1);
    }

    private static List<CsvRow> rows(String name) {
        Path file = platform.filesOf(USERNAME).resolve(name);
        try {
            return CsvReader.read(OneRosterFile.byFileName(name).orElseThrow(), Files.readAllBytes(file))
                    .rows();
        } catch (Exception notThereYet) {
            return List.of();
        }
    }

    private static Set<String> ids(String name) {
        Set<String> ids = new HashSet<>();
        rows(name).forEach(row -> ids.add(row.get("sourcedId")));
        return ids;
    }

    private static List<String> usernames() {
        return rows("users.csv").stream().map(row -> row.get("username")).toList();
    }

    private static String familyName(String id) {
        return rows("users.csv").stream()
                .filter(row -> row.get("sourcedId").equals(id))
                .map(row -> row.get("familyName"))
                .findFirst()
                .orElse(null);
    }

    private static List<JsonNode> openIncidents() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(monitor() + "/api/incidents")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> open = new ArrayList<>();
        json.readTree(response.body()).forEach(open::add);
        return open;
    }

    private static JsonNode openIncident(String reason) throws Exception {
        return openIncidents().stream()
                .filter(incident -> reason.equals(incident.path("reason").asString()))
                .findFirst()
                .orElse(null);
    }

    /** The subject and text of every "Action needed" mail. */
    private static List<String> mails() throws Exception {
        return ArchivedMails.in(platform.mailFolder()).stream()
                .filter(mail -> mail.subject().contains("Action needed"))
                .map(mail -> mail.subject() + "\n" + mail.text())
                .toList();
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(monitor() + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + token()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String monitor() {
        return "http://127.0.0.1:" + platform.portOf(LocalPlatform.MONITOR);
    }

    private static String token() throws IOException {
        return Files.readString(platform.workdir().resolve("secrets").resolve(LocalPlatform.API_TOKEN_FILE))
                .strip();
    }
}
