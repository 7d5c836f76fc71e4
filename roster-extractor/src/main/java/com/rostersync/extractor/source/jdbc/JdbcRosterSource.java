package com.rostersync.extractor.source.jdbc;

import com.rostersync.events.EntityType;
import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Meeting;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.events.roster.TermType;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceFailures;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.oneroster.ListField;
import com.rostersync.tenants.JdbcSource;
import com.rostersync.tenants.Secret;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an SIS database in one read-only, repeatable-read transaction, so every school's set is one consistent view
 * (issue 3). Records are school-scoped: a person belongs to each school of person_schools, an enrollment to its
 * section's school, demographics to their person's schools. A row that cannot be mapped (an unknown role, say) is
 * carried forward by id and logged by id, never turned into a deletion.
 */
public final class JdbcRosterSource implements RosterSource {

    private static final Logger log = LoggerFactory.getLogger(JdbcRosterSource.class);
    private static final int FETCH_SIZE = 2_000;

    private final SecretResolver secrets;
    private final Duration callTimeout;

    public JdbcRosterSource(SecretResolver secrets, Duration callTimeout) {
        this.secrets = secrets;
        this.callTimeout = callTimeout;
    }

    @Override
    public SourceRead read(Tenant tenant) throws SourceFailure {
        JdbcSource source = tenant.source().jdbc();
        Duration timeout = source.timeout() != null && source.timeout().compareTo(callTimeout) < 0
                ? source.timeout()
                : callTimeout;
        Properties login = loginProperties(tenant, source, timeout);
        String step = "connect";
        try (Connection connection = DriverManager.getConnection(source.url(), login)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            if (connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            Reading reading = new Reading(tenant, new SisQueries(source.queries()), connection, timeout);
            step = "read";
            SourceRead read = reading.read();
            connection.rollback();
            return read;
        } catch (SQLException failed) {
            throw new SourceFailure(
                    SourceFailures.classify(failed),
                    "tenant " + tenant.id() + ": SIS database " + step + " failed: " + SourceFailures.describe(failed),
                    failed);
        }
    }

    private Properties loginProperties(Tenant tenant, JdbcSource source, Duration timeout) throws SourceFailure {
        Properties login = new Properties();
        if (source.username() != null) {
            login.setProperty("user", source.username());
        }
        if (source.password() != null) {
            Secret password = secrets.resolve(source.password())
                    .orElseThrow(() -> new SourceFailure(
                            com.rostersync.events.outcome.OutcomeReason.SOURCE_CREDENTIALS,
                            "tenant " + tenant.id() + ": secret "
                                    + source.password().name() + " for the SIS database is not configured"));
            login.setProperty("password", password.reveal());
        }
        if (source.url().startsWith("jdbc:postgresql:")) {
            String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
            login.setProperty("connectTimeout", seconds);
            login.setProperty("loginTimeout", seconds);
            login.setProperty("socketTimeout", String.valueOf(Math.max(1, timeout.toSeconds() * 2)));
        }
        return login;
    }

    /** One read of one tenant's database; mutable only while it runs, on one thread. */
    private static final class Reading {

        private final Tenant tenant;
        private final SisQueries queries;
        private final Connection connection;
        private final int timeoutSeconds;
        private final Set<String> configured;
        private final Map<String, List<RosterRecord>> bySchool = new HashMap<>();
        private final Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
        private final Map<EntityType, Set<String>> carried = new EnumMap<>(EntityType.class);
        private final Map<String, String> sectionSchool = new HashMap<>();
        private final Map<String, Set<String>> personSchools = new HashMap<>();

        Reading(Tenant tenant, SisQueries queries, Connection connection, Duration timeout) {
            this.tenant = tenant;
            this.queries = queries;
            this.connection = connection;
            this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
            this.configured = new LinkedHashSet<>(tenant.schoolIds());
        }

        SourceRead read() throws SQLException {
            Set<String> found = new TreeSet<>();
            query("school", EntityType.SCHOOL, "school_id", row -> {
                String id = row.required("school_id");
                if (configured.contains(id)) {
                    found.add(id);
                    add(
                            id,
                            new School(
                                    id,
                                    row.required("name"),
                                    row.text("identifier"),
                                    row.text("district_id"),
                                    row.text("district_name")));
                }
            });
            query("term", EntityType.TERM, "term_id", row -> {
                String school = row.required("school_id");
                if (configured.contains(school)) {
                    add(
                            school,
                            new Term(
                                    row.required("term_id"),
                                    school,
                                    row.required("title"),
                                    TermType.valueOf(upper(row.required("term_type"))),
                                    row.date("start_date"),
                                    row.date("end_date"),
                                    row.text("parent_term_id"),
                                    row.integer("school_year")));
                }
            });
            query("course", EntityType.COURSE, "course_id", row -> {
                String school = row.required("school_id");
                if (configured.contains(school)) {
                    add(
                            school,
                            new Course(
                                    row.required("course_id"),
                                    school,
                                    row.text("school_year_term_id"),
                                    row.required("title"),
                                    row.text("course_code"),
                                    row.list("grades"),
                                    row.list("subjects"),
                                    row.list("subject_codes")));
                }
            });
            Map<String, List<Meeting>> meetings = new HashMap<>();
            query("meeting", null, "section_id", row -> meetings.computeIfAbsent(
                            row.required("section_id"), s -> new ArrayList<>())
                    .add(new Meeting(
                            DayOfWeek.valueOf(upper(row.required("day_of_week"))),
                            row.integerOr("week", 1),
                            row.time("start_time"),
                            row.text("period"),
                            row.text("location"))));
            Comparator<Meeting> meetingOrder = Comparator.comparingInt(Meeting::week)
                    .thenComparing(Meeting::day)
                    .thenComparing(Meeting::start);
            query("section", EntityType.SECTION, "section_id", row -> {
                String id = row.required("section_id");
                String school = row.required("school_id");
                sectionSchool.put(id, school);
                if (configured.contains(school)) {
                    List<Meeting> sorted = new ArrayList<>(meetings.getOrDefault(id, List.of()));
                    sorted.sort(meetingOrder);
                    add(
                            school,
                            new Section(
                                    id,
                                    school,
                                    row.required("course_id"),
                                    row.list("term_ids"),
                                    row.required("title"),
                                    row.text("class_code"),
                                    ClassType.valueOf(upper(row.required("class_type"))),
                                    row.text("location"),
                                    row.list("grades"),
                                    row.list("subjects"),
                                    row.list("subject_codes"),
                                    ScheduleType.valueOf(upper(row.required("schedule_type"))),
                                    List.copyOf(sorted),
                                    List.of()));
                }
            });
            query("personSchool", null, "person_id", row -> {
                String school = row.required("school_id");
                if (configured.contains(school)) {
                    personSchools
                            .computeIfAbsent(row.required("person_id"), p -> new TreeSet<>())
                            .add(school);
                }
            });
            query("person", EntityType.PERSON, "person_id", row -> {
                String id = row.required("person_id");
                Set<String> schools = personSchools.get(id);
                if (schools != null) {
                    String sisUserId = row.text("sis_user_id");
                    Map<String, String> userIds =
                            sisUserId == null ? Map.of() : new TreeMap<>(Map.of("SIS", sisUserId));
                    Person person = new Person(
                            id,
                            List.copyOf(schools),
                            Role.valueOf(upper(row.required("role"))),
                            row.required("username"),
                            row.bool("enabled", true),
                            row.required("given_name"),
                            row.required("family_name"),
                            row.text("middle_name"),
                            row.text("identifier"),
                            row.text("email"),
                            row.text("sms"),
                            row.text("phone"),
                            row.list("grades"),
                            userIds,
                            List.of());
                    schools.forEach(school -> add(school, person));
                }
            });
            query("enrollment", EntityType.ENROLLMENT, "enrollment_id", row -> {
                String section = row.required("section_id");
                String school = sectionSchool.get(section);
                if (school != null && configured.contains(school)) {
                    add(
                            school,
                            new Enrollment(
                                    row.required("enrollment_id"),
                                    school,
                                    section,
                                    row.required("person_id"),
                                    Role.valueOf(upper(row.required("role"))),
                                    row.boolOrNull("is_primary"),
                                    row.date("begin_date"),
                                    row.date("end_date")));
                }
            });
            query("demographics", EntityType.DEMOGRAPHICS, "person_id", row -> {
                String id = row.required("person_id");
                Set<String> schools = personSchools.get(id);
                if (schools != null) {
                    Demographics demographics = new Demographics(
                            id,
                            row.date("birth_date"),
                            row.text("sex"),
                            row.boolOrNull("american_indian_or_alaska_native"),
                            row.boolOrNull("asian"),
                            row.boolOrNull("black_or_african_american"),
                            row.boolOrNull("native_hawaiian_or_other_pacific_islander"),
                            row.boolOrNull("white"),
                            row.boolOrNull("two_or_more_races"),
                            row.boolOrNull("hispanic_or_latino"),
                            row.text("country_of_birth_code"),
                            row.text("state_of_birth_abbreviation"),
                            row.text("city_of_birth"),
                            row.text("public_school_residence_status"));
                    schools.forEach(school -> add(school, demographics));
                }
            });
            return new SourceRead(bySchool, found, Set.of(), carried, List.of(), counts);
        }

        private void add(String school, RosterRecord record) {
            bySchool.computeIfAbsent(school, s -> new ArrayList<>()).add(record);
        }

        private void query(String entity, EntityType type, String idColumn, RowHandler handler) throws SQLException {
            String sql = queries.sql(entity);
            try (PreparedStatement statement =
                    connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    Row row = new Row(rows);
                    long read = 0;
                    while (rows.next()) {
                        read++;
                        try {
                            handler.handle(row);
                        } catch (IllegalArgumentException | NullPointerException | SQLException unusable) {
                            if (unusable instanceof SQLException failed && !isDataException(failed)) {
                                throw failed;
                            }
                            String id = rows.getString(idColumn);
                            // Only our own "column X is empty" text is logged: driver messages may quote values.
                            String why = unusable.getMessage() != null
                                            && unusable.getMessage().startsWith("column ")
                                    ? unusable.getMessage()
                                    : unusable.getClass().getSimpleName();
                            log.warn(
                                    "Tenant {}: {} row {} cannot be mapped ({}); carried forward",
                                    tenant.id(),
                                    entity,
                                    id,
                                    why);
                            if (type != null && id != null) {
                                carried.computeIfAbsent(type, t -> new HashSet<>())
                                        .add(id);
                            }
                        }
                    }
                    if (type != null) {
                        counts.merge(type, read, Long::sum);
                    }
                }
            }
        }

        /** SQLState class 22: this row's value does not convert; the other rows are fine. */
        private static boolean isDataException(SQLException sql) {
            return sql.getSQLState() != null && sql.getSQLState().startsWith("22");
        }

        private static String upper(String value) {
            return value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(Row row) throws SQLException;
    }

    /** Typed access to the current row by column name; a missing required value is an IllegalArgumentException. */
    private record Row(ResultSet rows) {

        String text(String column) throws SQLException {
            String value = rows.getString(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String required(String column) throws SQLException {
            String value = text(column);
            if (value == null) {
                throw new IllegalArgumentException("column " + column + " is empty");
            }
            return value;
        }

        List<String> list(String column) throws SQLException {
            return ListField.split(rows.getString(column));
        }

        LocalDate date(String column) throws SQLException {
            return rows.getObject(column, LocalDate.class);
        }

        LocalTime time(String column) throws SQLException {
            LocalTime time = rows.getObject(column, LocalTime.class);
            if (time == null) {
                throw new IllegalArgumentException("column " + column + " is empty");
            }
            return time;
        }

        int integer(String column) throws SQLException {
            int value = rows.getInt(column);
            if (rows.wasNull()) {
                throw new IllegalArgumentException("column " + column + " is empty");
            }
            return value;
        }

        int integerOr(String column, int fallback) throws SQLException {
            int value = rows.getInt(column);
            return rows.wasNull() ? fallback : value;
        }

        boolean bool(String column, boolean fallback) throws SQLException {
            Boolean value = boolOrNull(column);
            return value == null ? fallback : value;
        }

        Boolean boolOrNull(String column) throws SQLException {
            boolean value = rows.getBoolean(column);
            return rows.wasNull() ? null : value;
        }
    }
}
