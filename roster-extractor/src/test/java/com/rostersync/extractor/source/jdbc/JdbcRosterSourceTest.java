package com.rostersync.extractor.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.Section;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.SisDatabase;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcRosterSourceTest {

    @TempDir
    Path dir;

    SisDatabase sis;
    JdbcRosterSource source = new JdbcRosterSource(
            new SecretResolver(Map.of(Tenants.PASSWORD_REF, SisDatabase.PASSWORD), null), Duration.ofSeconds(5));

    @BeforeEach
    void createSis() {
        sis = SisDatabase.createIn(dir);
    }

    @org.junit.jupiter.api.AfterEach
    void closePools() {
        source.close();
    }

    @Test
    void scopesEveryRecordToItsSchools() throws SourceFailure {
        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1", "S2"), Map.of()));

        assertThat(read.foundSchoolIds()).containsExactlyInAnyOrder("S1", "S2");
        assertThat(ids(read.recordsOf("S1")))
                .containsExactlyInAnyOrder(
                        "SCHOOL/S1",
                        "TERM/T1",
                        "COURSE/C1",
                        "SECTION/SEC1",
                        "PERSON/P1",
                        "PERSON/P2",
                        "ENROLLMENT/E1",
                        "ENROLLMENT/E2",
                        "DEMOGRAPHICS/P2");
        assertThat(ids(read.recordsOf("S2")))
                .containsExactlyInAnyOrder(
                        "SCHOOL/S2",
                        "TERM/T2",
                        "COURSE/C2",
                        "SECTION/SEC2",
                        "PERSON/P1",
                        "PERSON/P3",
                        "ENROLLMENT/E3",
                        "ENROLLMENT/E4",
                        "DEMOGRAPHICS/P3");
        assertThat(read.recordsRead()).containsEntry(EntityType.PERSON, 3L).containsEntry(EntityType.ENROLLMENT, 4L);
    }

    @Test
    void personInTwoSchoolsListsBothAndEnrollmentTakesItsSectionsSchool() throws SourceFailure {
        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1", "S2"), Map.of()));

        Person teacher = (Person) find(read.recordsOf("S2"), "P1");
        assertThat(teacher.orgSourcedIds()).containsExactly("S1", "S2");
        assertThat(teacher.userIds()).containsEntry("SIS", "E100");
        Enrollment enrollment = (Enrollment) find(read.recordsOf("S2"), "E3");
        assertThat(enrollment.schoolSourcedId()).isEqualTo("S2");
        assertThat(((Demographics) read.recordsOf("S1").stream()
                                .filter(r -> r instanceof Demographics)
                                .findFirst()
                                .orElseThrow())
                        .white())
                .isTrue();
    }

    @Test
    void sectionCarriesScheduleTypeAndMeetingsInOrder() throws SourceFailure {
        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of()));

        Section section = (Section) find(read.recordsOf("S1"), "SEC1");
        assertThat(section.scheduleType()).isEqualTo(ScheduleType.WEEKLY);
        assertThat(section.meetings()).extracting(m -> m.day()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        assertThat(section.meetings().get(0).period()).isEqualTo("1");
    }

    @Test
    void neverReadsThePasswordColumn() throws SourceFailure {
        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1", "S2"), Map.of()));

        assertThat(read.recordsBySchool().values().toString()).doesNotContain("secret-pw", "pw2");
        assertThat(SisQueries.NAMES.stream().map(new SisQueries(Map.of(), "updated_at")::sql))
                .noneMatch(sql -> sql.contains("password"));
    }

    @Test
    void tenantQueryOverridesTheDefault() throws SourceFailure {
        Map<String, String> queries = Map.of(
                "person",
                "select person_id, role, username, enabled, given_name,"
                        + " family_name, middle_name, identifier, null as email, sms, phone, grades, sis_user_id from people"
                        + " where role = 'STUDENT'");

        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1"), queries));

        assertThat(ids(read.recordsOf("S1"))).contains("PERSON/P2").doesNotContain("PERSON/P1");
        assertThat(((Person) find(read.recordsOf("S1"), "P2")).email()).isNull();
    }

    @Test
    void aWithdrawalCommittedWhileTheSisIsReadIsSeenWholeByTheNextReadAndNotHalfByThisOne() throws SourceFailure {
        sis.execute("create alias withdraw_alex_once for \"" + Withdrawal.class.getName() + ".alexOnce\"");
        Withdrawal.url = sis.url();
        Withdrawal.done.set(false);
        // The meetings are read first; the withdrawal commits while they are, before the people and enrollments are.
        Map<String, String> queries = Map.of(
                "meeting",
                "select section_id, day_of_week, week, start_time, period, location from section_meetings where withdraw_alex_once() = 0");
        Tenant maple = Tenants.jdbc("maple", sis.url(), List.of("S1"), queries);

        SourceRead during = source.read(maple);
        SourceRead after = source.read(maple);

        assertThat(Withdrawal.done).isTrue();
        assertThat(ids(during.recordsOf("S1"))).contains("PERSON/P2", "ENROLLMENT/E2", "DEMOGRAPHICS/P2");
        assertThat(ids(after.recordsOf("S1")))
                .doesNotContain("PERSON/P2", "ENROLLMENT/E2", "DEMOGRAPHICS/P2")
                .contains("PERSON/P1", "ENROLLMENT/E1");
    }

    /** Called by H2 from inside the read (so public, in a public class): the SIS withdraws Alex (P2), once. */
    public static final class Withdrawal {

        static volatile String url;
        static final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        public static int alexOnce() throws java.sql.SQLException {
            if (done.compareAndSet(false, true)) {
                try (java.sql.Connection sis =
                                java.sql.DriverManager.getConnection(url, SisDatabase.USER, SisDatabase.PASSWORD);
                        java.sql.Statement sql = sis.createStatement()) {
                    sis.setAutoCommit(false);
                    sql.executeUpdate("delete from enrollments where person_id = 'P2'");
                    sql.executeUpdate("delete from demographics where person_id = 'P2'");
                    sql.executeUpdate("delete from person_schools where person_id = 'P2'");
                    sql.executeUpdate("delete from people where person_id = 'P2'");
                    sis.commit();
                }
            }
            return 0;
        }
    }

    @Test
    void everyDefaultQueryCanBeOverriddenByTheNameTheRegistryAccepts() {
        assertThat(SisQueries.NAMES).isEqualTo(com.rostersync.tenants.JdbcSource.QUERY_NAMES);
    }

    @Test
    void onlyConfiguredSchoolsAreReadAndMissingOnesAreNotFound() throws SourceFailure {
        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1", "NOPE"), Map.of()));

        assertThat(read.foundSchoolIds()).containsExactly("S1");
        assertThat(read.recordsBySchool()).containsOnlyKeys("S1");
    }

    @Test
    void unmappableRowIsCarriedForwardNotDropped() throws SourceFailure {
        sis.execute("update people set role = 'WIZARD' where person_id = 'P2'");

        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of()));

        assertThat(read.carriedForwardIds()).containsEntry(EntityType.PERSON, java.util.Set.of("P2"));
        assertThat(ids(read.recordsOf("S1"))).doesNotContain("PERSON/P2");
    }

    @Test
    void rowWhoseValueDoesNotConvertIsCarriedForwardAndTheRestIsRead() throws SourceFailure {
        Map<String, String> queries = Map.of(
                "demographics",
                "select person_id, case when person_id = 'P2'"
                        + " then 'not-a-date' else cast(birth_date as varchar) end as birth_date, sex,"
                        + " american_indian_or_alaska_native, asian, black_or_african_american,"
                        + " native_hawaiian_or_other_pacific_islander, white, two_or_more_races, hispanic_or_latino,"
                        + " country_of_birth_code, state_of_birth_abbreviation, city_of_birth, public_school_residence_status"
                        + " from demographics");

        SourceRead read = source.read(Tenants.jdbc("maple", sis.url(), List.of("S1", "S2"), queries));

        assertThat(read.carriedForwardIds()).containsEntry(EntityType.DEMOGRAPHICS, java.util.Set.of("P2"));
        assertThat(ids(read.recordsOf("S2"))).contains("DEMOGRAPHICS/P3");
    }

    @Test
    void tenantsOfOneDatabaseAndLoginShareOnePoolWhichClosesWhenNoTenantUsesIt() throws Exception {
        Tenant maple = Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of());
        Tenant other = Tenants.jdbc("other", sis.url(), List.of("S2"), Map.of());
        Tenant elsewhere = Tenants.jdbc("elsewhere", sis.url() + ";IFEXISTS=TRUE", List.of("S2"), Map.of());

        source.read(maple);
        source.read(maple);
        source.read(other);
        assertThat(source.openPools()).as("one database, one login").isEqualTo(1);
        source.read(elsewhere);
        assertThat(source.openPools()).isEqualTo(2);

        source.retainOnly(List.of(maple, other));
        assertThat(source.openPools())
                .as("the pool only the removed tenant used")
                .isEqualTo(1);
        source.retainOnly(List.of(other));
        assertThat(source.openPools()).as("still used by the other tenant").isEqualTo(1);
        assertThat(ids(source.read(other).recordsOf("S2"))).isNotEmpty();
        source.retainOnly(List.of(Tenants.jdbc("other", sis.url() + ";IFEXISTS=TRUE", List.of("S2"), Map.of())));
        assertThat(source.openPools()).as("its settings changed").isZero();
        assertThat(ids(source.read(maple).recordsOf("S1"))).isNotEmpty();
        source.close();
        assertThat(source.openPools()).isZero();
    }

    @Test
    void aTenantWhosePasswordIsRotatedAwayLeavesTheSharedPoolToTheOthers(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve(Tenants.PASSWORD_REF), SisDatabase.PASSWORD + "\n");
        Files.writeString(secrets.resolve("OTHER_SIS_PASSWORD"), SisDatabase.PASSWORD + "\n");
        JdbcRosterSource rotating = new JdbcRosterSource(new SecretResolver(Map.of(), secrets), Duration.ofSeconds(5));
        Tenant maple = Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of());
        Tenant otherSecret = Tenants.jdbc("other", sis.url(), "OTHER_SIS_PASSWORD", List.of("S2"));
        try {
            rotating.read(maple);
            rotating.read(otherSecret);
            assertThat(rotating.openPools()).isEqualTo(1);

            Files.writeString(secrets.resolve("OTHER_SIS_PASSWORD"), "rotated-away\n");
            assertThatThrownBy(() -> rotating.read(otherSecret))
                    .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                            .isEqualTo(OutcomeReason.SOURCE_CREDENTIALS));

            assertThat(ids(rotating.read(maple).recordsOf("S1")))
                    .as("the tenant on the unchanged login reads on")
                    .isNotEmpty();
            assertThat(rotating.openPools()).isEqualTo(1);
        } finally {
            rotating.close();
        }
    }

    @Test
    void wrongPasswordIsSourceCredentials() {
        JdbcRosterSource wrong = new JdbcRosterSource(
                new SecretResolver(Map.of(Tenants.PASSWORD_REF, "not-it"), null), Duration.ofSeconds(5));

        assertThatThrownBy(() -> wrong.read(Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_CREDENTIALS);
                    assertThat(failure.getMessage())
                            .contains("28000", "(login sis@in-process)")
                            .doesNotContain("not-it");
                });
    }

    @Test
    void aPasswordRotatedOnDiskIsUsedByTheNextReadWithoutAnyRegistryChange(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve(Tenants.PASSWORD_REF), "rotated-away\n");
        JdbcRosterSource rotating = new JdbcRosterSource(new SecretResolver(Map.of(), secrets), Duration.ofSeconds(5));
        Tenant tenant = Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of());

        assertThatThrownBy(() -> rotating.read(tenant))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_CREDENTIALS));

        Files.writeString(secrets.resolve(Tenants.PASSWORD_REF), SisDatabase.PASSWORD + "\n");

        assertThat(ids(rotating.read(tenant).recordsOf("S1"))).isNotEmpty();
    }

    @Test
    void theLoginNamedInFailuresIsTheUserAndTheHostOfTheJdbcUrl() {
        assertThat(JdbcRosterSource.host("jdbc:postgresql://db.maple.example:5432/sis?ssl=true"))
                .isEqualTo("db.maple.example:5432");
        assertThat(JdbcRosterSource.host("jdbc:sqlserver://sis.example.org:1433;databaseName=x"))
                .isEqualTo("sis.example.org:1433");
        assertThat(JdbcRosterSource.host("jdbc:oracle:thin:@ora.example.org:1521:SIS"))
                .isEqualTo("ora.example.org:1521");
        assertThat(JdbcRosterSource.host("jdbc:h2:tcp://localhost:9092/~/sis")).isEqualTo("localhost:9092");
        assertThat(JdbcRosterSource.host("jdbc:h2:file:/var/sis/db")).isEqualTo("in-process");
    }

    @Test
    void missingSecretIsSourceCredentials() {
        JdbcRosterSource unset = new JdbcRosterSource(new SecretResolver(Map.of(), null), Duration.ofSeconds(5));

        assertThatThrownBy(() -> unset.read(Tenants.jdbc("maple", sis.url(), List.of("S1"), Map.of())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_CREDENTIALS));
    }

    @Test
    void refusedConnectionIsSourceUnavailable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/~/nothing";

        assertThatThrownBy(() -> source.read(Tenants.jdbc("maple", url, List.of("S1"), Map.of())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE));
    }

    @Test
    void unknownHostIsSourceUnavailable() {
        String url = "jdbc:postgresql://no-such-host.invalid:5432/sis";

        assertThatThrownBy(() -> source.read(Tenants.jdbc("maple", url, List.of("S1"), Map.of())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE);
                    assertThat(failure.getMessage()).contains("unknown host");
                });
    }

    private static List<String> ids(List<RosterRecord> records) {
        return records.stream().map(r -> r.entityType() + "/" + r.sourcedId()).toList();
    }

    private static RosterRecord find(List<RosterRecord> records, String id) {
        return records.stream()
                .filter(r -> r.sourcedId().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
