package com.rostersync.extractor.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.EntityType;
import com.rostersync.events.roster.Person;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.IncrementalSync;
import com.rostersync.extractor.support.SisDatabase;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change tracking on a real H2 SIS with our canonical change-tracking script: after the first full read, cycles read
 * only changed rows and the deletion log, yet must publish exactly what a full read would. Each test checks the
 * incremental result against a fresh full read of the same source.
 */
class JdbcRosterSourceChangeTrackingTest {

    private static final ChangeTracking TRACKING =
            ChangeTracking.on("updated_at").withOverlap(Duration.ZERO);

    @TempDir
    Path dir;

    SisDatabase sis;
    Tenant tenant;
    final IncrementalSync sync = new IncrementalSync(SisDatabase.PASSWORD);

    @BeforeEach
    void firstFullCycle() throws SourceFailure {
        sis = SisDatabase.createIn(dir).withChangeTracking();
        tenant = Tenants.jdbc("maple", sis.url(), List.of("S1", "S2"), Map.of(), TRACKING);
        SourceRead first = sync.read(tenant);
        assertThat(first.complete()).isTrue();
        sync.publish(tenant, first);
    }

    @Test
    void anUnchangedSourceReadsNothingButTheSchools() throws SourceFailure {
        SourceRead read = sync.read(tenant);

        assertThat(read.complete()).isFalse();
        assertThat(read.recordsRead()).containsEntry(EntityType.SCHOOL, 2L);
        assertThat(read.recordsRead()).allSatisfy((type, rows) -> {
            if (type != EntityType.SCHOOL) {
                assertThat(rows).as("%s rows read", type).isZero();
            }
        });
        assertThat(sync.publish(tenant, read)).isEmpty();
    }

    @Test
    void aQuietCycleAsksTheDatabaseForTheSchoolsItsClockAndWhetherAnythingChangedOnly() throws SourceFailure {
        sis.execute("set query_statistics true");

        assertThat(sync.cycle(tenant)).isEmpty();

        List<String> asked = sis.column("select sql_statement from information_schema.query_statistics").stream()
                .filter(sql -> sql.startsWith("select") && !sql.contains("information_schema"))
                .toList();
        assertThat(asked).as("queries of one quiet cycle").hasSize(3);
        assertThat(asked).anyMatch(sql -> sql.contains("from schools"));
        assertThat(asked).anyMatch(sql -> sql.contains("union all") && sql.contains("deleted_records"));

        sis.execute("update people set family_name = 'Doe-Smith' where person_id = 'P1'");
        assertThat(sync.cycle(tenant))
                .as("the next change is still read")
                .containsExactlyInAnyOrder("S1 UPSERT PERSON/P1", "S2 UPSERT PERSON/P1");
        sync.assertMatchesAFullRead(tenant);
    }

    @Test
    void anUpdatedRowIsPublishedInEverySchoolOfItsRecord() throws SourceFailure {
        sis.execute("update people set family_name = 'Doe-Smith' where person_id = 'P1'");

        List<String> published = sync.cycle(tenant);

        assertThat(published).containsExactlyInAnyOrder("S1 UPSERT PERSON/P1", "S2 UPSERT PERSON/P1");
        sync.assertMatchesAFullRead(tenant);
    }

    @Test
    void aDeletedRowIsSeenThroughTheDeletionLog() throws SourceFailure {
        sis.execute("delete from enrollments where enrollment_id = 'E2'");

        assertThat(sync.cycle(tenant)).containsExactly("S1 DELETE ENROLLMENT/E2");
        sync.assertMatchesAFullRead(tenant);
    }

    @Test
    void aPersonLeavingOneSchoolIsDeletedThereAndUpdatedInTheOther() throws SourceFailure {
        sis.execute(
                "delete from enrollments where enrollment_id = 'E3'",
                "delete from person_schools" + " where person_id = 'P1' and school_id = 'S2'");

        List<String> published = sync.cycle(tenant);

        assertThat(published)
                .containsExactlyInAnyOrder("S1 UPSERT PERSON/P1", "S2 DELETE PERSON/P1", "S2 DELETE ENROLLMENT/E3");
        sync.assertMatchesAFullRead(tenant);
    }

    @Test
    void aDeletedMeetingAndASectionMovedToAnotherSchoolAreFollowed() throws SourceFailure {
        sis.execute(
                "delete from section_meetings where section_id = 'SEC1' and day_of_week = 'WEDNESDAY'",
                "update sections set school_id = 'S1', course_id = 'C1' where section_id = 'SEC2'");

        List<String> published = sync.cycle(tenant);

        assertThat(published)
                .containsExactlyInAnyOrder(
                        "S1 UPSERT SECTION/SEC1",
                        "S1 UPSERT SECTION/SEC2",
                        "S2 DELETE SECTION/SEC2",
                        "S1 UPSERT ENROLLMENT/E3",
                        "S1 UPSERT ENROLLMENT/E4",
                        "S2 DELETE ENROLLMENT/E3",
                        "S2 DELETE ENROLLMENT/E4");
        sync.assertMatchesAFullRead(tenant);
    }

    @Test
    void aSectionMovingBetweenTwoTenantsOfOneDatabaseLeavesOneWithItsEnrollmentsAndArrivesWholeInTheOther()
            throws SourceFailure {
        Tenant high = Tenants.jdbc("maple-high", sis.url(), List.of("S1"), Map.of(), TRACKING);
        Tenant middle = Tenants.jdbc("maple-middle", sis.url(), List.of("S2"), Map.of(), TRACKING);
        sync.publish(high, sync.read(high));
        sync.publish(middle, sync.read(middle));

        sis.execute("update sections set school_id = 'S2', course_id = 'C2' where section_id = 'SEC1'");

        assertThat(sync.cycle(high))
                .containsExactlyInAnyOrder(
                        "S1 DELETE SECTION/SEC1", "S1 DELETE ENROLLMENT/E1", "S1 DELETE ENROLLMENT/E2");
        assertThat(sync.cycle(middle))
                .as("the section, its unchanged enrollments and (checked by the full read) its unchanged meetings")
                .containsExactlyInAnyOrder(
                        "S2 UPSERT SECTION/SEC1", "S2 UPSERT ENROLLMENT/E1", "S2 UPSERT ENROLLMENT/E2");
        sync.assertMatchesAFullRead(high);
        sync.assertMatchesAFullRead(middle);
    }

    @Test
    void aTenantsFullReadAndItsMarksHoldOnlyItsOwnSchoolsRows() throws SourceFailure {
        sis.execute("insert into section_meetings (section_id, day_of_week, week, start_time, period, location)"
                + " values ('SEC2', 'FRIDAY', 1, time '11:00:00', '3', 'Lab')");
        JdbcRosterSource source = new JdbcRosterSource(
                new SecretResolver(Map.of(Tenants.PASSWORD_REF, SisDatabase.PASSWORD), null),
                Duration.ofSeconds(10),
                new HashState(),
                Clock.systemUTC());
        Tenant high = Tenants.jdbc("maple-high", sis.url(), List.of("S1"), Map.of(), TRACKING);

        SourceRead full = source.read(high);
        full.commit().run();

        assertThat(full.recordsRead())
                .as("rows the database returned")
                .containsEntry(EntityType.SECTION, 1L)
                .containsEntry(EntityType.PERSON, 2L)
                .containsEntry(EntityType.ENROLLMENT, 2L);
        ReadMarks marks = source.marksOf("maple-high");
        assertThat(marks.sectionSchool()).containsOnlyKeys("SEC1");
        assertThat(marks.meetings()).containsOnlyKeys("SEC1");
        assertThat(marks.personSchools()).containsOnlyKeys("P1", "P2");

        sis.execute("update sections set school_id = 'S2' where section_id = 'SEC1'");
        source.read(high).commit().run();

        assertThat(source.marksOf("maple-high").sectionSchool())
                .as("a section that left")
                .isEmpty();
        assertThat(source.marksOf("maple-high").meetings()).isEmpty();
    }

    @Test
    void newRowsAndAWholePersonDeletedAreAllPublished() throws SourceFailure {
        sis.execute(
                "insert into people (person_id, role, username, given_name, family_name)"
                        + " values ('P9', 'STUDENT', 'nnew', 'Nia', 'New')",
                "insert into person_schools (person_id, school_id) values ('P9', 'S2')",
                "insert into enrollments (enrollment_id, section_id, person_id, role) values ('E9', 'SEC2', 'P9',"
                        + " 'STUDENT')",
                "delete from enrollments where person_id = 'P3'",
                "delete from demographics where person_id = 'P3'",
                "delete from person_schools where person_id = 'P3'",
                "delete from people where person_id = 'P3'");

        List<String> published = sync.cycle(tenant);

        assertThat(published)
                .containsExactlyInAnyOrder(
                        "S2 UPSERT PERSON/P9",
                        "S2 UPSERT ENROLLMENT/E9",
                        "S2 DELETE PERSON/P3",
                        "S2 DELETE DEMOGRAPHICS/P3",
                        "S2 DELETE ENROLLMENT/E4");
        sync.assertMatchesAFullRead(tenant);
    }

    @Test
    void aReadWhosePublishDidNotCommitIsReadAgain() throws SourceFailure {
        sis.execute("update people set family_name = 'Jones-Lee' where person_id = 'P2'");
        SourceRead unpublished = sync.read(tenant);
        assertThat(unpublished.recordsOf("S1")).anyMatch(r -> r instanceof Person);

        SourceRead again = sync.read(tenant);

        assertThat(sync.publish(tenant, again)).containsExactly("S1 UPSERT PERSON/P2");
    }

    @Test
    void readsEverythingAgainOnceTheLastFullReadIsOlderThanFullReadEvery() throws SourceFailure {
        Tenant often = Tenants.jdbc(
                "maple", sis.url(), List.of("S1", "S2"), Map.of(), TRACKING.withFullReadEvery(Duration.ofMillis(1)));
        sync.publish(often, sync.read(often));

        assertThat(sync.read(often).complete()).isTrue();
    }

    @Test
    void theDatabaseClockComesFromTheTenantsClockQuery() throws SourceFailure {
        // A clock stuck in the past: every later read takes every row as changed since then.
        Tenant pastClock = Tenants.jdbc(
                "maple",
                sis.url(),
                List.of("S1", "S2"),
                Map.of(),
                new ChangeTracking(
                        "updated_at", Duration.ZERO, Duration.ofHours(24), "select timestamp '2000-01-01 00:00:00'"));
        sync.publish(pastClock, sync.read(pastClock));

        SourceRead read = sync.read(pastClock);

        assertThat(read.complete()).isFalse();
        assertThat(read.recordsRead()).containsEntry(EntityType.ENROLLMENT, 4L);
        assertThat(sync.publish(pastClock, read)).isEmpty();
    }

    @Test
    void aTenantQueryWithoutTheTrackingColumnFailsNamingTheQueryAndTheColumn() {
        Tenant custom = Tenants.jdbc(
                "maple",
                sis.url(),
                List.of("S1", "S2"),
                Map.of(
                        "term",
                        "select term_id, school_id, title, term_type, start_date, end_date, parent_term_id,"
                                + " school_year from terms"),
                TRACKING);

        assertThatThrownBy(() -> sync.read(custom))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("tenant maple: the term query returns no column updated_at")
                .hasMessageContaining("source.jdbc.queries.term");
    }
}
