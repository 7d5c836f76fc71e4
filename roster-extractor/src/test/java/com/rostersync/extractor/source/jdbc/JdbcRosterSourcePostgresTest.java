package com.rostersync.extractor.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.IncrementalSync;
import com.rostersync.extractor.support.PostgresSis;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same JDBC source on a real PostgreSQL server, started from Maven Central binaries. Where PostgreSQL cannot
 * start (e.g. initdb refuses to run as root, as on the shared build machine), the class is skipped, not failed.
 */
class JdbcRosterSourcePostgresTest {

    private static final String PASSWORD = PostgresSis.PASSWORD;

    @TempDir
    static Path dir;

    static PostgresSis postgres;
    static String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresSis.startIn(dir);
        url = postgres.createDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readsTheCanonicalSchemaInOneConsistentTransaction() throws SourceFailure {
        SourceRead read = source(PASSWORD).read(Tenants.jdbc("maple", url, List.of("S1", "S2"), Map.of()));

        assertThat(read.foundSchoolIds()).containsExactlyInAnyOrder("S1", "S2");
        assertThat(read.recordsOf("S1")).hasSize(9);
        Person teacher = (Person) read.recordsOf("S2").stream()
                .filter(r -> r.sourcedId().equals("P1"))
                .findFirst()
                .orElseThrow();
        assertThat(teacher.orgSourcedIds()).containsExactly("S1", "S2");
        assertThat(read.recordsOf("S1").stream()
                        .map(RosterRecord::toString)
                        .toList()
                        .toString())
                .doesNotContain("secret-pw");
    }

    @Test
    void wrongPasswordIsSourceCredentials() {
        assertThatThrownBy(() -> source("wrong").read(Tenants.jdbc("maple", url, List.of("S1"), Map.of())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_CREDENTIALS);
                    assertThat(failure.getMessage()).contains("28P01");
                });
    }

    @Test
    void changeTrackingFollowsUpdatesAndLoggedDeletionsLikeAFullRead() throws Exception {
        // A school of its own, so the other tests' fixture stays as it is.
        execute(
                "insert into schools (school_id, name) values ('S3', 'Birch Elementary')",
                "insert into courses (course_id, school_id, title) values ('C3', 'S3', 'Reading 3')",
                "insert into terms (term_id, school_id, title, term_type, start_date, end_date, school_year)"
                        + " values ('T3', 'S3', '2026-2027', 'SCHOOL_YEAR', date '2026-08-20', date '2027-06-10', 2027)",
                "insert into sections (section_id, school_id, course_id, term_ids, title, class_type, schedule_type)"
                        + " values ('SEC3', 'S3', 'C3', 'T3', 'Reading 3 - A', 'HOMEROOM', 'SIMPLE')",
                "insert into people (person_id, role, username, given_name, family_name)"
                        + " values ('P30', 'STUDENT', 'p30', 'Ana', 'Birch'), ('P31', 'STUDENT', 'p31', 'Ben', 'Birch')",
                "insert into person_schools (person_id, school_id) values ('P30', 'S3'), ('P31', 'S3')",
                "insert into enrollments (enrollment_id, section_id, person_id, role)"
                        + " values ('E30', 'SEC3', 'P30', 'STUDENT'), ('E31', 'SEC3', 'P31', 'STUDENT')");
        Tenant birch = Tenants.jdbc(
                "birch",
                url,
                List.of("S3"),
                Map.of(),
                ChangeTracking.on("updated_at").withOverlap(Duration.ZERO));
        IncrementalSync sync = new IncrementalSync(PASSWORD);
        assertThat(sync.cycle(birch)).hasSize(8);

        execute(
                "update people set family_name = 'Birch-Oak' where person_id = 'P30'",
                "delete from enrollments where enrollment_id = 'E31'");
        SourceRead incremental = sync.read(birch);

        assertThat(incremental.complete()).isFalse();
        assertThat(sync.publish(birch, incremental))
                .containsExactlyInAnyOrder("S3 UPSERT PERSON/P30", "S3 DELETE ENROLLMENT/E31");
        sync.assertMatchesAFullRead(birch);
        assertThat(sync.cycle(birch)).as("a quiet cycle").isEmpty();
    }

    private static void execute(String... statements) throws Exception {
        PostgresSis.execute(url, statements);
    }

    private static JdbcRosterSource source(String password) {
        return new JdbcRosterSource(
                new SecretResolver(Map.of(Tenants.PASSWORD_REF, password), null), Duration.ofSeconds(10));
    }
}
