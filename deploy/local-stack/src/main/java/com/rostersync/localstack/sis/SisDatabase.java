package com.rostersync.localstack.sis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The demo SIS as an H2 file database in our canonical schema. The schema is the extractor's own
 * {@code sis/schema.sql} (read from its jar), so the demo can never drift from what the extractor reads.
 * It belongs to the stack's JVM alone ({@link #keepOpen}): edits go through {@code POST /demo/sql}. A second process
 * (the H2 shell) is refused by H2's file lock: one that got in made the stack's own cycles fail, mailing "could not be
 * reached" to every district.
 */
public final class SisDatabase {

    public static final String USERNAME = "sis";
    /** The demo tenants read incrementally: every table gets updated_at and the deletion log. */
    private static final ClassPathResource CHANGE_TRACKING = new ClassPathResource("sis/change-tracking-h2.sql");

    private static final String FILE_NAME = "demo-sis";

    private final Path directory;
    private final String url;
    private final String password;

    public SisDatabase(Path directory, String password) {
        this.directory = directory.toAbsolutePath();
        // Closed by the launcher after the services stopped, not by H2's own exit hook while the extractor still reads.
        // WRITE_DELAY=0: a commit is on disk when it returns; H2's default delay lost an edit committed just before a
        // kill -9, which a kept state folder must not.
        this.url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve(FILE_NAME)
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        this.password = password;
    }

    public String url() {
        return url;
    }

    /** Whether an earlier start already created this database (H2 keeps it in one {@code .mv.db} file). */
    public boolean exists() {
        return Files.isRegularFile(directory.resolve(FILE_NAME + ".mv.db"));
    }

    /**
     * Holds the database open until closed. H2 locks its file only while a connection is open; the extractor's
     * connections come and go, so without this a second process could take the lock between two cycles and make the
     * stack's own reads fail (SQLState 90020). Held, the second process is the one refused.
     */
    public AutoCloseable keepOpen() {
        try {
            Connection keeper = connect();
            return keeper::close;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the demo SIS " + url + ": " + e.getMessage(), e);
        }
    }

    /** Deletes any previous demo database in {@code directory}, so a new password and fresh rows take effect. */
    public static void deleteFiles(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                try (var files = Files.list(directory)) {
                    for (Path file : files.filter(
                                    f -> f.getFileName().toString().startsWith(FILE_NAME))
                            .toList()) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the old demo SIS in " + directory, e);
        }
    }

    /** Creates the canonical schema and inserts every row of {@code sis}, in one transaction. */
    public void create(DemoSis sis) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("sis/schema.sql"));
            insert(connection, "insert into schools values (?,?,?,?,?)", sis.schools(), r ->
                    new Object[] {r.schoolId(), r.name(), r.identifier(), r.districtId(), r.districtName()});
            insert(connection, "insert into terms values (?,?,?,?,?,?,?,?)", sis.terms(), r -> new Object[] {
                r.termId(),
                r.schoolId(),
                r.title(),
                r.termType(),
                r.startDate(),
                r.endDate(),
                r.parentTermId(),
                r.schoolYear()
            });
            insert(connection, "insert into courses values (?,?,?,?,?,?,?,?)", sis.courses(), r -> new Object[] {
                r.courseId(),
                r.schoolId(),
                r.schoolYearTermId(),
                r.title(),
                r.courseCode(),
                r.grades(),
                r.subjects(),
                r.subjectCodes()
            });
            insert(
                    connection,
                    "insert into sections values (?,?,?,?,?,?,?,?,?,?,?,?)",
                    sis.sections(),
                    r -> new Object[] {
                        r.sectionId(),
                        r.schoolId(),
                        r.courseId(),
                        r.termIds(),
                        r.title(),
                        r.classCode(),
                        r.classType(),
                        r.location(),
                        r.grades(),
                        r.subjects(),
                        r.subjectCodes(),
                        r.scheduleType()
                    });
            insert(connection, "insert into section_meetings values (?,?,?,?,?,?)", sis.meetings(), r ->
                    new Object[] {r.sectionId(), r.dayOfWeek(), r.week(), r.startTime(), r.period(), r.location()});
            insert(
                    connection,
                    "insert into people values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    sis.people(),
                    r -> new Object[] {
                        r.personId(),
                        r.role(),
                        r.username(),
                        r.enabled(),
                        r.givenName(),
                        r.familyName(),
                        r.middleName(),
                        r.identifier(),
                        r.email(),
                        r.sms(),
                        r.phone(),
                        r.grades(),
                        r.sisUserId(),
                        r.password()
                    });
            insert(connection, "insert into person_schools values (?,?)", sis.personSchools(), r ->
                    new Object[] {r.personId(), r.schoolId()});
            insert(connection, "insert into enrollments values (?,?,?,?,?,?,?)", sis.enrollments(), r -> new Object[] {
                r.enrollmentId(), r.sectionId(), r.personId(), r.role(), r.primary(), r.beginDate(), r.endDate()
            });
            insert(
                    connection,
                    "insert into demographics values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    sis.demographics(),
                    r -> new Object[] {
                        r.personId(),
                        r.birthDate(),
                        r.sex(),
                        r.americanIndian(),
                        r.asian(),
                        r.black(),
                        r.pacificIslander(),
                        r.white(),
                        r.twoOrMoreRaces(),
                        r.hispanic(),
                        r.countryOfBirth(),
                        r.stateOfBirth(),
                        r.cityOfBirth(),
                        r.residenceStatus()
                    });
            ScriptUtils.executeSqlScript(connection, CHANGE_TRACKING);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo SIS at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Runs one SQL script (the e2e fixture) against a fresh database instead of generated rows. */
    public void createFromScript(ClassPathResource script) {
        try (Connection connection = connect()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("sis/schema.sql"));
            ScriptUtils.executeSqlScript(connection, script);
            ScriptUtils.executeSqlScript(connection, CHANGE_TRACKING);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the SIS from " + script.getPath(), e);
        }
    }

    /** Row counts of the main tables, for the launcher's progress line. */
    public String summary() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            StringBuilder out = new StringBuilder();
            for (String table : List.of("schools", "people", "sections", "enrollments")) {
                try (var rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    out.append(out.isEmpty() ? "" : ", ")
                            .append(rows.getLong(1))
                            .append(' ')
                            .append(table);
                }
            }
            return out.toString();
        } catch (SQLException e) {
            return "(cannot count rows: " + e.getMessage() + ")";
        }
    }

    /**
     * Runs the demo's edits: one or several statements separated by {@code ;}, in one transaction, so the extractor
     * sees all of them or none (a cycle reading between a delete and its insert would see half an edit). Returns how
     * many rows they changed together; on an error nothing is changed.
     */
    public Edit update(String sql) {
        List<String> statements = statements(sql);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("no SQL statement");
        }
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            int rows = 0;
            try (Statement statement = connection.createStatement()) {
                for (String one : statements) {
                    rows += statement.executeUpdate(one);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            return new Edit(statements.size(), rows);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** What {@link #update} did: how many statements ran and how many rows they changed. */
    public record Edit(int statements, int rows) {}

    /** Splits at {@code ;} outside quoted text (SQL quotes double a quote inside: {@code 'O''Brien'}). */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        statements.add(current.toString());
        return statements.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USERNAME, password);
    }

    private static <T> void insert(Connection connection, String sql, List<T> rows, Function<T, Object[]> values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                Object[] columns = values.apply(row);
                for (int i = 0; i < columns.length; i++) {
                    statement.setObject(i + 1, jdbc(columns[i]), type(columns[i]));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static Object jdbc(Object value) {
        if (value instanceof LocalDate date) {
            return Date.valueOf(date);
        }
        if (value instanceof LocalTime time) {
            return Time.valueOf(time);
        }
        return value;
    }

    private static int type(Object value) {
        if (value == null) {
            return Types.NULL;
        }
        if (value instanceof LocalDate) {
            return Types.DATE;
        }
        if (value instanceof LocalTime) {
            return Types.TIME;
        }
        if (value instanceof Boolean) {
            return Types.BOOLEAN;
        }
        if (value instanceof Integer) {
            return Types.INTEGER;
        }
        return Types.VARCHAR;
    }
}
