package com.rostersync.extractor.source.jdbc;

import java.util.Map;
import java.util.Set;

/**
 * The SQL the extractor runs against an SIS, one query per entity. The defaults read our canonical schema
 * ({@code sis/schema.sql}); a tenant overrides any of them ({@code source.jdbc.queries}) with SQL returning the same
 * column names, so a real SIS's views map without code. No default ever selects {@code people.password}.
 */
public final class SisQueries {

    public static final Map<String, String> DEFAULTS = Map.of(
            "school", "select school_id, name, identifier, district_id, district_name from schools",
            "term",
                    "select term_id, school_id, title, term_type, start_date, end_date, parent_term_id, school_year"
                            + " from terms",
            "course",
                    "select course_id, school_id, school_year_term_id, title, course_code, grades, subjects,"
                            + " subject_codes from courses",
            "section",
                    "select section_id, school_id, course_id, term_ids, title, class_code, class_type, location,"
                            + " grades, subjects, subject_codes, schedule_type from sections",
            "meeting", "select section_id, day_of_week, week, start_time, period, location from section_meetings",
            "person",
                    "select person_id, role, username, enabled, given_name, family_name, middle_name, identifier,"
                            + " email, sms, phone, grades, sis_user_id from people",
            "personSchool", "select person_id, school_id from person_schools",
            "enrollment",
                    "select enrollment_id, section_id, person_id, role, is_primary, begin_date, end_date"
                            + " from enrollments",
            "demographics",
                    "select person_id, birth_date, sex, american_indian_or_alaska_native, asian,"
                            + " black_or_african_american, native_hawaiian_or_other_pacific_islander, white, two_or_more_races,"
                            + " hispanic_or_latino, country_of_birth_code, state_of_birth_abbreviation, city_of_birth,"
                            + " public_school_residence_status from demographics");

    /** The entity names a tenant may override. */
    public static final Set<String> NAMES = DEFAULTS.keySet();

    private final Map<String, String> overrides;

    public SisQueries(Map<String, String> overrides) {
        this.overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    public String sql(String entity) {
        return overrides.getOrDefault(entity, DEFAULTS.get(entity));
    }
}
