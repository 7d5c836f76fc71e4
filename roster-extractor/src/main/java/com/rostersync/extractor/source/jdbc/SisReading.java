package com.rostersync.extractor.source.jdbc;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
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
import com.rostersync.extractor.source.PublishedIds;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.oneroster.ListField;
import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of one tenant's SIS inside one transaction; mutable only while it runs, on one thread. Records are
 * school-scoped: a person belongs to each school of person_schools, an enrollment to its section's school,
 * demographics to their person's schools. A row that cannot be mapped (an unknown role, say) is carried forward by
 * id and logged by id, never turned into a deletion.
 *
 * <p>A full read maps every row of the tenant's schools (our SQL asks for those only; a tenant's own SQL may return
 * other schools' rows, which are dropped). An incremental read (change tracking, {@code since} set) reads no table
 * whole but the schools: it maps the rows changed since the marks (less the overlap), re-reads the sections and persons whose
 * meetings or schools changed, the enrollments of sections that moved school, and every id the deletion log names;
 * a published record among those that is no longer placed in a school is absent there.
 */
final class SisReading {

    private static final Logger log = LoggerFactory.getLogger(SisReading.class);
    private static final int FETCH_SIZE = 2_000;
    private static final int IDS_PER_QUERY = 500;
    private static final Comparator<Meeting> MEETING_ORDER =
            Comparator.comparingInt(Meeting::week).thenComparing(Meeting::day).thenComparing(Meeting::start);

    /** The entities read row by row, in the order a full read needs (sections place enrollments in schools). */
    private enum Entity {
        TERM("term", "term_id", EntityType.TERM),
        COURSE("course", "course_id", EntityType.COURSE),
        SECTION("section", "section_id", EntityType.SECTION),
        PERSON("person", "person_id", EntityType.PERSON),
        ENROLLMENT("enrollment", "enrollment_id", EntityType.ENROLLMENT),
        DEMOGRAPHICS("demographics", "person_id", EntityType.DEMOGRAPHICS);

        final String query;
        final String idColumn;
        final EntityType type;

        Entity(String query, String idColumn, EntityType type) {
            this.query = query;
            this.idColumn = idColumn;
            this.type = type;
        }

        static Entity named(String query) {
            for (Entity entity : values()) {
                if (entity.query.equals(query)) {
                    return entity;
                }
            }
            return null;
        }
    }

    private final Tenant tenant;
    private final SisQueries queries;
    private final Connection connection;
    private final int timeoutSeconds;
    private final ChangeTracking tracking;
    private final ReadMarks since;
    private final PublishedIds published;
    private final Set<String> configured;
    private final Map<String, List<RosterRecord>> bySchool = new HashMap<>();
    private final Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Set<String>> carried = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Set<String>> mapped = new EnumMap<>(EntityType.class);
    private final Map<String, String> sectionSchool = new HashMap<>();
    private final Map<String, Set<String>> personSchools = new HashMap<>();
    private final Map<String, List<Meeting>> meetings = new HashMap<>();
    private Timestamp readAt;
    /** An incremental read that found nothing changed: its marks are the last ones with a later time. */
    private boolean quiet;

    private final Map<EntityType, Map<String, Set<String>>> placed = new EnumMap<>(EntityType.class);

    /**
     * @param tracking null without change tracking (no tracking column is read)
     * @param since null for a full read; the marks to read on from otherwise (then {@code published} is required)
     */
    SisReading(
            Tenant tenant,
            SisQueries queries,
            Connection connection,
            Duration timeout,
            ChangeTracking tracking,
            ReadMarks since,
            PublishedIds published) {
        this.tenant = tenant;
        this.queries = queries;
        this.connection = connection;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.tracking = tracking;
        this.since = since;
        this.published = published;
        this.configured = new LinkedHashSet<>(tenant.schoolIds());
    }

    SourceRead read() throws SQLException, SourceFailure {
        if (tracking != null) {
            readAt = databaseTime();
        }
        Set<String> found = readSchools();
        if (since == null) {
            SisQueries.Statement meetingRows = full("meeting");
            readMeetings(meetingRows.sql(), meetingRows.parameters());
            SisQueries.Statement personSchoolRows = full("personSchool");
            readPersonSchools(personSchoolRows.sql(), personSchoolRows.parameters());
            for (Entity entity : Entity.values()) {
                SisQueries.Statement whole = full(entity.query);
                query(entity, whole.sql(), whole.parameters());
            }
            return new SourceRead(bySchool, found, Set.of(), carried, List.of(), counts, null, Set.of(), null);
        }
        if (!changedSinceMarks()) {
            quiet = true;
            return new SourceRead(bySchool, found, Set.of(), carried, List.of(), counts, Map.of(), Set.of(), null);
        }
        meetings.putAll(since.meetings());
        personSchools.putAll(since.personSchools());
        sectionSchool.putAll(since.sectionSchool());
        Map<Entity, Set<String>> dirty = new EnumMap<>(Entity.class);
        changedIds("meeting", "section_id", id -> dirty(dirty, Entity.SECTION).add(id));
        changedIds("personSchool", "person_id", id -> {
            dirty(dirty, Entity.PERSON).add(id);
            dirty(dirty, Entity.DEMOGRAPHICS).add(id);
        });
        readDeletionLog(dirty);
        Set<String> meetingsToRead = new TreeSet<>(dirty.getOrDefault(Entity.SECTION, Set.of()));
        // The marks hold the meetings of the tenant's own sections only: one new to it (created, or moved in from
        // another school) brings meetings they lack.
        changedRows("section", row -> {
            String section = row.text("section_id");
            if (section != null
                    && configured.contains(row.text("school_id"))
                    && !since.sectionSchool().containsKey(section)) {
                meetingsToRead.add(section);
            }
        });
        for (List<String> sections : chunks(meetingsToRead)) {
            sections.forEach(meetings::remove);
            readMeetings(queries.withIds("meeting", "section_id", sections.size()), List.copyOf(sections));
        }
        for (List<String> people : chunks(dirty.getOrDefault(Entity.PERSON, Set.of()))) {
            people.forEach(personSchools::remove);
            readPersonSchools(queries.withIds("personSchool", "person_id", people.size()), List.copyOf(people));
        }
        for (Entity entity : Entity.values()) {
            query(entity, queries.changedSince(entity.query), List.of(from()));
        }
        // A section that moved school takes its enrollments along, though their rows did not change; one the marks
        // lack may have moved in from another tenant's school.
        Set<String> moved = new TreeSet<>();
        sectionSchool.forEach((section, school) -> {
            String before = since.sectionSchool().get(section);
            if (before == null || !before.equals(school)) {
                moved.add(section);
            }
        });
        for (List<String> sections : chunks(moved)) {
            query(
                    Entity.ENROLLMENT,
                    queries.withIds("enrollment", "section_id", sections.size()),
                    List.copyOf(sections));
        }
        for (Map.Entry<Entity, Set<String>> entry : dirty.entrySet()) {
            Entity entity = entry.getKey();
            Set<String> done = mapped.getOrDefault(entity.type, Set.of());
            List<String> unread =
                    entry.getValue().stream().filter(id -> !done.contains(id)).toList();
            for (List<String> ids : chunks(unread)) {
                query(entity, queries.withIds(entity.query, entity.idColumn, ids.size()), List.copyOf(ids));
            }
        }
        // A section the source no longer has places nothing any more (a later section may reuse its id).
        Set<String> sectionsRead = mapped.getOrDefault(EntityType.SECTION, Set.of());
        dirty.getOrDefault(Entity.SECTION, Set.of()).stream()
                .filter(id -> !sectionsRead.contains(id))
                .forEach(sectionSchool::remove);
        return new SourceRead(bySchool, found, Set.of(), carried, List.of(), counts, absences(dirty), Set.of(), null);
    }

    /** Where this read leaves off; valid once its changes are published. */
    ReadMarks marks(String fingerprint, Instant fullReadAt) {
        if (quiet) {
            return new ReadMarks(
                    fingerprint, fullReadAt, readAt, since.personSchools(), since.sectionSchool(), since.meetings());
        }
        Map<String, String> ownSections = new HashMap<>();
        sectionSchool.forEach((section, school) -> {
            if (configured.contains(school)) {
                ownSections.put(section, school);
            }
        });
        Map<String, List<Meeting>> ownMeetings = new HashMap<>();
        meetings.forEach((section, list) -> {
            if (ownSections.containsKey(section)) {
                ownMeetings.put(section, list);
            }
        });
        return new ReadMarks(
                fingerprint,
                fullReadAt,
                readAt,
                Map.copyOf(personSchools),
                Map.copyOf(ownSections),
                Map.copyOf(ownMeetings));
    }

    /** The full read's statement of one entity, scoped to the tenant's schools where the SQL is ours. */
    private SisQueries.Statement full(String entity) {
        return queries.full(entity, List.copyOf(configured));
    }

    private Set<String> readSchools() throws SQLException, SourceFailure {
        Set<String> found = new TreeSet<>();
        SisQueries.Statement schools = full("school");
        query("school", EntityType.SCHOOL, "school_id", schools.sql(), schools.parameters(), false, row -> {
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
        return found;
    }

    private void readMeetings(String sql, List<Object> parameters) throws SQLException, SourceFailure {
        Map<String, List<Meeting>> read = new HashMap<>();
        query("meeting", null, "section_id", sql, parameters, tracking != null, row -> read.computeIfAbsent(
                        row.required("section_id"), s -> new ArrayList<>())
                .add(new Meeting(
                        DayOfWeek.valueOf(upper(row.required("day_of_week"))),
                        row.integerOr("week", 1),
                        row.time("start_time"),
                        row.text("period"),
                        row.text("location"))));
        read.forEach((section, list) -> {
            List<Meeting> sorted = new ArrayList<>(list);
            sorted.sort(MEETING_ORDER);
            meetings.put(section, List.copyOf(sorted));
        });
    }

    private void readPersonSchools(String sql, List<Object> parameters) throws SQLException, SourceFailure {
        query("personSchool", null, "person_id", sql, parameters, tracking != null, row -> {
            String school = row.required("school_id");
            if (configured.contains(school)) {
                personSchools
                        .computeIfAbsent(row.required("person_id"), p -> new TreeSet<>())
                        .add(school);
            }
        });
    }

    /** Whether any tracked row changed, or the deletion log grew, since the marks (less the overlap). */
    private boolean changedSinceMarks() throws SQLException {
        SisQueries.Statement probe = queries.anyChangedSince(from());
        try (PreparedStatement statement = prepare(probe.sql(), probe.parameters())) {
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The ids of the rows of a child table changed since the marks. */
    private void changedIds(String entity, String idColumn, java.util.function.Consumer<String> changed)
            throws SQLException, SourceFailure {
        changedRows(entity, row -> {
            String id = row.text(idColumn);
            if (id != null) {
                changed.accept(id);
            }
        });
    }

    /** The rows of one entity changed since the marks, before they are mapped. */
    private void changedRows(String entity, RowHandler handler) throws SQLException, SourceFailure {
        try (PreparedStatement statement = prepare(queries.changedSince(entity), List.of(from()));
                ResultSet rows = statement.executeQuery()) {
            trackingColumn(entity, rows.getMetaData());
            Row row = new Row(rows);
            while (rows.next()) {
                handler.handle(row);
            }
        }
    }

    /**
     * Deletions leave no row to read, so the SIS logs them; each logged id is read again, and a record that is gone
     * (or left a school) becomes a deletion where it was published.
     */
    private void readDeletionLog(Map<Entity, Set<String>> dirty) throws SourceFailure {
        try (PreparedStatement statement = prepare(queries.deletedSince(), List.of(from()));
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String entity = strip(rows.getString(1));
                String id = strip(rows.getString(2));
                if (entity == null || id == null) {
                    continue;
                }
                switch (entity) {
                    case "meeting" -> dirty(dirty, Entity.SECTION).add(id);
                    case "personSchool", "person" -> {
                        dirty(dirty, Entity.PERSON).add(id);
                        dirty(dirty, Entity.DEMOGRAPHICS).add(id);
                    }
                    default -> {
                        Entity named = Entity.named(entity);
                        if (named == null) {
                            log.warn("Tenant {}: deletion log entry of unknown entity {} ignored", tenant.id(), entity);
                        } else {
                            dirty(dirty, named).add(id);
                        }
                    }
                }
            }
        } catch (SQLException failed) {
            throw deletionLogFailed(failed);
        }
    }

    private SourceFailure deletionLogFailed(SQLException failed) {
        return new SourceFailure(
                SisFailures.classify(failed),
                "tenant " + tenant.id() + ": reading the deletion log (source.jdbc.queries.deletions) failed: "
                        + SisFailures.describe(failed),
                failed);
    }

    /** Published records that this read found gone from a school: read again and not placed there. */
    private Map<String, Map<EntityType, Set<String>>> absences(Map<Entity, Set<String>> dirty) {
        Map<String, Map<EntityType, Set<String>>> absent = new HashMap<>();
        for (Entity entity : Entity.values()) {
            Set<String> checked = new HashSet<>(mapped.getOrDefault(entity.type, Set.of()));
            checked.addAll(dirty.getOrDefault(entity, Set.of()));
            Map<String, Set<String>> now = placed.getOrDefault(entity.type, Map.of());
            for (String id : checked) {
                for (String school : published.schoolsOf(tenant.id(), entity.type, id)) {
                    if (configured.contains(school)
                            && !now.getOrDefault(id, Set.of()).contains(school)) {
                        absent.computeIfAbsent(school, s -> new EnumMap<>(EntityType.class))
                                .computeIfAbsent(entity.type, t -> new HashSet<>())
                                .add(id);
                    }
                }
            }
        }
        return absent;
    }

    /**
     * The database's own clock at the start of this read: the next read takes rows changed after it (less the
     * overlap). The newest change seen would be wrong: rows loaded long ago all share one old time.
     */
    private Timestamp databaseTime() throws SQLException {
        try (PreparedStatement statement = prepare(tracking.clockQuery(), List.of());
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getTimestamp(1);
        }
    }

    private Timestamp from() {
        return Timestamp.from(since.readAt().toInstant().minus(tracking.overlap()));
    }

    private static Set<String> dirty(Map<Entity, Set<String>> dirty, Entity entity) {
        return dirty.computeIfAbsent(entity, e -> new TreeSet<>());
    }

    private static List<List<String>> chunks(java.util.Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY)));
        }
        return chunks;
    }

    private void query(Entity entity, String sql, List<Object> parameters) throws SQLException, SourceFailure {
        query(entity.query, entity.type, entity.idColumn, sql, parameters, tracking != null, row -> map(entity, row));
    }

    private void map(Entity entity, Row row) throws SQLException {
        switch (entity) {
            case TERM -> {
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
            }
            case COURSE -> {
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
            }
            case SECTION -> {
                String id = row.required("section_id");
                String school = row.required("school_id");
                if (configured.contains(school)) {
                    sectionSchool.put(id, school);
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
                                    meetings.getOrDefault(id, List.of()),
                                    List.of()));
                } else if (sectionSchool.containsKey(id)) {
                    // One of ours moved to another school: kept for this read, so its enrollments leave with it.
                    sectionSchool.put(id, school);
                }
            }
            case PERSON -> {
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
            }
            case ENROLLMENT -> {
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
            }
            case DEMOGRAPHICS -> {
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
            }
        }
    }

    private void add(String school, RosterRecord record) {
        bySchool.computeIfAbsent(school, s -> new ArrayList<>()).add(record);
        if (since != null) {
            placed.computeIfAbsent(record.entityType(), t -> new HashMap<>())
                    .computeIfAbsent(record.sourcedId(), id -> new HashSet<>())
                    .add(school);
        }
    }

    private static Set<String> present(
            Map<String, Map<EntityType, Set<String>>> present, String school, EntityType type) {
        return present.computeIfAbsent(school, s -> new EnumMap<>(EntityType.class))
                .computeIfAbsent(type, t -> new HashSet<>());
    }

    private void query(
            String entity,
            EntityType type,
            String idColumn,
            String sql,
            List<Object> parameters,
            boolean tracked,
            RowHandler handler)
            throws SQLException, SourceFailure {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            if (tracked) {
                trackingColumn(entity, rows.getMetaData());
            }
            Set<String> seen =
                    since != null && type != null ? mapped.computeIfAbsent(type, t -> new HashSet<>()) : null;
            Row row = new Row(rows);
            long read = 0;
            while (rows.next()) {
                if (seen != null && !seen.add(String.valueOf(strip(rows.getString(idColumn))))) {
                    continue; // changed and also unaccounted for: mapped once
                }
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
                        carried.computeIfAbsent(type, t -> new HashSet<>()).add(id);
                    }
                }
            }
            if (type != null) {
                counts.merge(type, read, Long::sum);
            }
        }
    }

    private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException failed) {
            statement.close();
            throw failed;
        }
    }

    /** A tenant query that lacks the tracking column is a configuration error, named as one. */
    private void trackingColumn(String entity, ResultSetMetaData columns) throws SQLException, SourceFailure {
        if (!SisQueries.TRACKED.contains(entity)) {
            return;
        }
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            if (columns.getColumnLabel(i).equalsIgnoreCase(tracking.column())) {
                return;
            }
        }
        throw new SourceFailure(
                OutcomeReason.SOURCE_UNAVAILABLE,
                "tenant " + tenant.id() + ": the " + entity + " query returns no column " + tracking.column()
                        + ", which source.jdbc.changeTracking needs; add it to source.jdbc.queries." + entity);
    }

    /** SQLState class 22: this row's value does not convert; the other rows are fine. */
    private static boolean isDataException(SQLException sql) {
        return sql.getSQLState() != null && sql.getSQLState().startsWith("22");
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String upper(String value) {
        return value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(Row row) throws SQLException;
    }

    /** Typed access to the current row by column name; a missing required value is an IllegalArgumentException. */
    private record Row(ResultSet rows) {

        String text(String column) throws SQLException {
            return strip(rows.getString(column));
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
