package com.rostersync.extractor.source.jdbc;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL the extractor runs against an SIS, one query per entity. The defaults read our canonical schema
 * ({@code sis/schema.sql}); a tenant overrides any of them ({@code source.jdbc.queries}) with SQL returning the same
 * column names, so a real SIS's views map without code. No default ever selects {@code people.password}.
 *
 * <p>With change tracking, the {@link #TRACKED} entities' queries also return the tracking column (the defaults add
 * it; an override must return it), and each query is wrapped as a derived table to read only changed rows, only ids,
 * or only some ids: the tenant's SQL stays the one source of truth for what a record is.
 */
final class SisQueries {

    private record Canonical(String columns, String table) {}

    private static final Map<String, Canonical> CANONICAL = Map.of(
            "school", new Canonical("school_id, name, identifier, district_id, district_name", "schools"),
            "term",
                    new Canonical(
                            "term_id, school_id, title, term_type, start_date, end_date, parent_term_id, school_year",
                            "terms"),
            "course",
                    new Canonical(
                            "course_id, school_id, school_year_term_id, title, course_code, grades, subjects,"
                                    + " subject_codes",
                            "courses"),
            "section",
                    new Canonical(
                            "section_id, school_id, course_id, term_ids, title, class_code, class_type, location,"
                                    + " grades, subjects, subject_codes, schedule_type",
                            "sections"),
            "meeting", new Canonical("section_id, day_of_week, week, start_time, period, location", "section_meetings"),
            "person",
                    new Canonical(
                            "person_id, role, username, enabled, given_name, family_name, middle_name, identifier,"
                                    + " email, sms, phone, grades, sis_user_id",
                            "people"),
            "personSchool", new Canonical("person_id, school_id", "person_schools"),
            "enrollment",
                    new Canonical(
                            "enrollment_id, section_id, person_id, role, is_primary, begin_date, end_date",
                            "enrollments"),
            "demographics",
                    new Canonical(
                            "person_id, birth_date, sex, american_indian_or_alaska_native, asian,"
                                    + " black_or_african_american, native_hawaiian_or_other_pacific_islander, white,"
                                    + " two_or_more_races, hispanic_or_latino, country_of_birth_code,"
                                    + " state_of_birth_abbreviation, city_of_birth, public_school_residence_status",
                            "demographics"),
            "deletions", new Canonical("entity, record_id, deleted_at", "deleted_records"));

    /** The entity names a tenant may override. */
    public static final Set<String> NAMES = CANONICAL.keySet();

    /** The queries read incrementally under change tracking (schools are few and always read whole). */
    public static final Set<String> TRACKED =
            Set.of("term", "course", "section", "meeting", "person", "personSchool", "enrollment", "demographics");

    private final Map<String, String> overrides;
    private final String trackingColumn;

    /** {@code trackingColumn} is null without change tracking. */
    public SisQueries(Map<String, String> overrides, String trackingColumn) {
        this.overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        this.trackingColumn = trackingColumn;
    }

    public SisQueries(Map<String, String> overrides) {
        this(overrides, null);
    }

    public String sql(String entity) {
        String override = overrides.get(entity);
        if (override != null) {
            return override.strip().replaceAll(";+$", "");
        }
        Canonical canonical = CANONICAL.get(entity);
        String tracking = trackingColumn != null && TRACKED.contains(entity) ? ", " + trackingColumn : "";
        return "select " + canonical.columns() + tracking + " from " + canonical.table();
    }

    /** A query and its parameters. */
    record Statement(String sql, List<Object> parameters) {}

    /**
     * The whole of one entity for a full read of the tenant's {@code schools}. Ours asks the database for those
     * schools' rows only: an SIS database often holds every district of a platform, and a tenant's read must cost
     * its own rows, not the platform's. A tenant's own SQL is read whole, and its rows of other schools are dropped
     * as they are mapped.
     */
    public Statement full(String entity, List<String> schools) {
        if (overrides.containsKey(entity) || schools.isEmpty()) {
            return new Statement(sql(entity), List.of());
        }
        String in = "(" + String.join(",", Collections.nCopies(schools.size(), "?")) + ")";
        String condition =
                switch (entity) {
                    case "meeting", "enrollment" ->
                        "section_id in (select section_id from sections where school_id in " + in + ")";
                    case "person", "demographics" ->
                        "person_id in (select person_id from person_schools where school_id in " + in + ")";
                    case "school", "term", "course", "section", "personSchool" -> "school_id in " + in;
                    default -> throw new IllegalArgumentException("no full read of " + entity);
                };
        return new Statement(sql(entity) + " where " + condition, List.copyOf(schools));
    }

    /** Rows whose tracking column is after the one parameter. */
    public String changedSince(String entity) {
        return where(entity, trackingColumn + " > ?");
    }

    /**
     * One query that returns a row when any tracked entity has a row changed after {@code time}, or the deletion log
     * an entry after it: a quiet tenant's cycle asks the database once instead of once per entity.
     */
    public Statement anyChangedSince(Object time) {
        List<String> parts = new java.util.ArrayList<>();
        for (String entity : new java.util.TreeSet<>(TRACKED)) {
            parts.add("select 1 as changed from (" + changedSince(entity) + ") changed_"
                    + entity.toLowerCase(java.util.Locale.ROOT));
        }
        parts.add("select 1 as changed from (" + deletedSince() + ") changed_deletions");
        return new Statement(String.join(" union all ", parts), Collections.nCopies(parts.size(), time));
    }

    /** The deletion log's entries after the one parameter. */
    public String deletedSince() {
        return where("deletions", "deleted_at > ?");
    }

    /** The rows whose {@code idColumn} is one of {@code count} parameters. */
    public String withIds(String entity, String idColumn, int count) {
        return where(entity, idColumn + " in (" + String.join(",", Collections.nCopies(count, "?")) + ")");
    }

    /**
     * A tenant's own SQL is filtered as a derived table. Ours is filtered directly: not every database pushes a
     * condition into a derived table (H2 does not), and a full scan per cycle is what change tracking is to avoid.
     */
    private String where(String entity, String condition) {
        return overrides.containsKey(entity)
                ? "select * from (" + sql(entity) + ") q where q." + condition
                : sql(entity) + " where " + condition;
    }
}
