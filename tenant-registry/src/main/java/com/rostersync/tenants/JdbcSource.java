package com.rostersync.tenants;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * An SIS database. {@code queries} overrides, per entity (school, term, course, section, meeting, person,
 * personSchool, enrollment, demographics, and the deletion log read under change tracking: deletions), the SQL of our
 * canonical schema, so a real SIS's views map without code.
 * {@code changeTracking} is null when every cycle reads the whole source.
 */
public record JdbcSource(
        String url,
        String username,
        SecretRef password,
        Map<String, String> queries,
        Duration timeout,
        ChangeTracking changeTracking) {

    /** The entities whose query a tenant may override. */
    public static final Set<String> QUERY_NAMES = Set.of(
            "school",
            "term",
            "course",
            "section",
            "meeting",
            "person",
            "personSchool",
            "enrollment",
            "demographics",
            "deletions");
}
