package com.rostersync.bench.extractor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic synthetic SIS in our canonical schema: the same seed and scale always give the same rows. At scale
 * 1.0 it is the target district set: 1,000 schools, 500k students, 25k teachers, 3.5M student enrollments (7 per
 * student) plus one teacher enrollment per section, demographics for every student, and 1% of teachers in two schools.
 */
final class SyntheticSis {

    private static final String[] GIVEN = {"Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo"};
    private static final String[] FAMILY = {"Garcia", "Smith", "Nguyen", "Okafor", "Kim", "Rossi", "Novak", "Haddad"};
    private static final int BATCH = 5_000;

    private final String url;
    private final int schools;
    private final int studentsPerSchool;
    private final int teachersPerSchool;
    private final Random random = new Random(42);

    SyntheticSis(String url, double scale) {
        this.url = url;
        this.schools = Math.max(1, (int) Math.round(1_000 * scale));
        this.studentsPerSchool = 500;
        this.teachersPerSchool = 25;
    }

    int schools() {
        return schools;
    }

    List<String> schoolIds() {
        List<String> ids = new ArrayList<>();
        for (int s = 1; s <= schools; s++) {
            ids.add(school(s));
        }
        return ids;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sis", "bench");
    }

    /** Creates the canonical schema with its H2 change tracking and loads the district, all rows changed long ago. */
    void create(String schemaSql, String changeTrackingSql) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                String withoutComments = (schemaSql + ";\n" + changeTrackingSql)
                        .lines()
                        .map(l -> l.contains("--") ? l.substring(0, l.indexOf("--")) : l)
                        .reduce("", (a, b) -> a + "\n" + b);
                for (String sql : withoutComments.split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql.strip());
                    }
                }
            }
            try (PreparedStatement school = c.prepareStatement("insert into schools values (?,?,?,?,?)");
                    PreparedStatement term = c.prepareStatement("insert into terms values (?,?,?,?,?,?,?,?,?)");
                    PreparedStatement course = c.prepareStatement("insert into courses values (?,?,?,?,?,?,?,?,?)");
                    PreparedStatement section =
                            c.prepareStatement("insert into sections values (?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement meeting =
                            c.prepareStatement("insert into section_meetings values (?,?,?,?,?,?,?)");
                    PreparedStatement person =
                            c.prepareStatement("insert into people values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement personSchool = c.prepareStatement("insert into person_schools values (?,?,?)");
                    PreparedStatement enrollment =
                            c.prepareStatement("insert into enrollments values (?,?,?,?,?,?,?,?)");
                    PreparedStatement demographics =
                            c.prepareStatement("insert into demographics values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Batches batches = new Batches(c, school);
                long enrollmentId = 0;
                for (int s = 1; s <= schools; s++) {
                    batches.add(school, school(s), "School " + s, "SC" + s, "D1", "Synthetic District");
                }
                batches.flushAll();
                for (int s = 1; s <= schools; s++) {
                    String sid = school(s);
                    String year = sid + "-Y";
                    batches.add(
                            term,
                            year,
                            sid,
                            "2026-2027",
                            "SCHOOL_YEAR",
                            LocalDate.of(2026, 8, 20),
                            LocalDate.of(2027, 6, 10),
                            null,
                            2027);
                    batches.add(
                            term,
                            sid + "-F",
                            sid,
                            "Fall",
                            "SEMESTER",
                            LocalDate.of(2026, 8, 20),
                            LocalDate.of(2026, 12, 20),
                            year,
                            2027);
                    batches.add(
                            term,
                            sid + "-S",
                            sid,
                            "Spring",
                            "SEMESTER",
                            LocalDate.of(2027, 1, 5),
                            LocalDate.of(2027, 6, 10),
                            year,
                            2027);
                    for (int k = 1; k <= 20; k++) {
                        batches.add(course, sid + "-C" + k, sid, year, "Course " + k, "C" + k, "09,10", "Math", null);
                    }
                    int sections = teachersPerSchool * 5;
                    List<String> sectionIds = new ArrayList<>();
                    for (int t = 1; t <= teachersPerSchool; t++) {
                        String teacher = sid + "-T" + t;
                        batches.add(
                                person,
                                teacher,
                                "TEACHER",
                                "t" + s + "_" + t,
                                true,
                                pick(GIVEN),
                                pick(FAMILY),
                                null,
                                teacher,
                                teacher + "@synthetic.example",
                                null,
                                null,
                                null,
                                teacher,
                                "pw");
                        batches.add(personSchool, teacher, sid);
                        if (t == 1 && s < schools && s % 4 == 0) {
                            batches.add(personSchool, teacher, school(s + 1));
                        }
                        for (int p = 1; p <= 5; p++) {
                            int n = (t - 1) * 5 + p;
                            String sec = sid + "-K" + n;
                            sectionIds.add(sec);
                            boolean weekly = n % 3 == 0;
                            batches.add(
                                    section,
                                    sec,
                                    sid,
                                    sid + "-C" + (1 + n % 20),
                                    sid + (n % 2 == 0 ? "-F" : "-S"),
                                    "Section " + n,
                                    "K" + n,
                                    "SCHEDULED",
                                    "Room " + n,
                                    "09",
                                    "Math",
                                    null,
                                    weekly ? "WEEKLY" : "SIMPLE");
                            batches.add(
                                    meeting, sec, "MONDAY", 1, LocalTime.of(8 + p, 0), String.valueOf(p), "Room " + n);
                            if (weekly) {
                                batches.add(
                                        meeting,
                                        sec,
                                        "WEDNESDAY",
                                        1,
                                        LocalTime.of(9 + p, 0),
                                        String.valueOf(p + 1),
                                        "Room " + n);
                            }
                            batches.add(enrollment, "E" + (++enrollmentId), sec, teacher, "TEACHER", true, null, null);
                        }
                    }
                    for (int st = 1; st <= studentsPerSchool; st++) {
                        String student = sid + "-P" + st;
                        batches.add(
                                person,
                                student,
                                "STUDENT",
                                "s" + s + "_" + st,
                                true,
                                pick(GIVEN),
                                pick(FAMILY),
                                null,
                                student,
                                null,
                                null,
                                null,
                                "09",
                                student,
                                "pw");
                        batches.add(personSchool, student, sid);
                        batches.add(
                                demographics,
                                student,
                                LocalDate.of(2010, 1, 1).plusDays(random.nextInt(1500)),
                                random.nextBoolean() ? "female" : "male",
                                false,
                                false,
                                false,
                                false,
                                true,
                                false,
                                random.nextBoolean(),
                                "US",
                                "CA",
                                null,
                                null);
                        for (int e = 0; e < 7; e++) {
                            String sec = sectionIds.get((st * 7 + e * 13) % sections);
                            batches.add(
                                    enrollment,
                                    "E" + (++enrollmentId),
                                    sec,
                                    student,
                                    "STUDENT",
                                    false,
                                    LocalDate.of(2026, 8, 20),
                                    null);
                        }
                    }
                    batches.flushIfFull();
                }
                batches.flushAll();
            }
            c.commit();
        }
    }

    /**
     * Changes 1% of students (a family name) and 1% of enrollments (an end date), deletes 0.1% of enrollments, and
     * makes the structural changes an incremental read must follow: a new student in every tenth school (with
     * demographics and an enrollment), a section moved to the next school in every hundredth, one meeting deleted per
     * school, and every teacher in two schools leaving the second. All deterministic; the SIS's own triggers stamp
     * the updates and log the deletions.
     */
    long changeOnePercent() throws SQLException {
        long changed = 0;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                changed += st.executeUpdate("update people set family_name = family_name || '-Changed'"
                        + " where role = 'STUDENT' and mod(cast(substring(person_id, locate('-P', person_id) + 2)"
                        + " as int), 100) = 0");
                changed += st.executeUpdate("update enrollments set end_date = date '2027-01-31'"
                        + " where mod(cast(substring(enrollment_id, 2) as bigint), 100) = 0");
                changed += st.executeUpdate(
                        "delete from enrollments where mod(cast(substring(enrollment_id, 2) as bigint), 1000) = 7");
                changed += st.executeUpdate(
                        "delete from section_meetings where day_of_week = 'WEDNESDAY' and section_id like '%-K3'");
                changed += st.executeUpdate("delete from person_schools where person_id like '%-T1'"
                        + " and school_id <> substring(person_id, 1, 5)");
            }
            try (PreparedStatement move = c.prepareStatement(
                            "update sections set school_id = ?, course_id = ? where section_id = ?");
                    PreparedStatement person = c.prepareStatement("insert into people (person_id, role, username,"
                            + " given_name, family_name, identifier, sis_user_id) values (?, 'STUDENT', ?, 'New',"
                            + " 'Student', ?, ?)");
                    PreparedStatement personSchool =
                            c.prepareStatement("insert into person_schools (person_id, school_id) values (?, ?)");
                    PreparedStatement demographics = c.prepareStatement(
                            "insert into demographics (person_id, birth_date, sex) values (?, date '2012-02-02', 'female')");
                    PreparedStatement enrollment = c.prepareStatement("insert into enrollments (enrollment_id,"
                            + " section_id, person_id, role, is_primary) values (?, ?, ?, 'STUDENT', false)")) {
                for (int s = 1; s <= schools; s++) {
                    String sid = school(s);
                    if (s % 100 == 0 && s < schools) {
                        changed += update(move, school(s + 1), school(s + 1) + "-C1", sid + "-K2");
                    }
                    if (s % 10 == 0) {
                        String student = sid + "-N1";
                        changed += update(person, student, "n" + s, student, student);
                        changed += update(personSchool, student, sid);
                        changed += update(demographics, student);
                        changed += update(enrollment, "EN" + s, sid + "-K1", student);
                    }
                }
            }
            c.commit();
        }
        return changed;
    }

    private static int update(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement.executeUpdate();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String school(int s) {
        return String.format("S%04d", s);
    }

    /**
     * Batches rows per statement and executes them every {@value #BATCH} rows. Every row but a school's gets the
     * same last-change time, months back, as a district loaded long before the extractor first reads it.
     */
    private static final class Batches {
        private static final LocalDateTime LOADED_AT = LocalDateTime.of(2026, 8, 1, 0, 0);
        private final Connection connection;
        private final PreparedStatement untracked;
        private final java.util.Map<PreparedStatement, Integer> pending = new java.util.LinkedHashMap<>();

        Batches(Connection connection, PreparedStatement untracked) {
            this.connection = connection;
            this.untracked = untracked;
        }

        void add(PreparedStatement statement, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            if (statement != untracked) {
                statement.setObject(values.length + 1, LOADED_AT);
            }
            statement.addBatch();
            pending.merge(statement, 1, Integer::sum);
        }

        void flushIfFull() throws SQLException {
            int total = pending.values().stream().mapToInt(Integer::intValue).sum();
            if (total >= BATCH) {
                flushAll();
            }
        }

        void flushAll() throws SQLException {
            for (PreparedStatement statement : pending.keySet()) {
                statement.executeBatch();
            }
            pending.clear();
            connection.commit();
        }
    }
}
