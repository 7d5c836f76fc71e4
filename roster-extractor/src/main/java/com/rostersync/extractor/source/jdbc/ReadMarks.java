package com.rostersync.extractor.source.jdbc;

import com.rostersync.events.roster.Meeting;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the last published read of one tenant left off: the database's time when it started, and what places
 * records in schools and completes them (each person's schools, each section's school and meetings), which an
 * incremental read updates for the rows that changed. Only the tenant's own schools' people and sections: one SIS
 * database may hold a whole platform, and every tenant's marks stay in memory. Kept in memory only: after a restart
 * the first cycle reads everything and compares it with the published hashes, which re-publishes nothing and misses
 * no deletion.
 *
 * @param fingerprint what the marks are valid for: the tenant's schools and source settings
 */
record ReadMarks(
        String fingerprint,
        Instant fullReadAt,
        Timestamp readAt,
        Map<String, Set<String>> personSchools,
        Map<String, String> sectionSchool,
        Map<String, List<Meeting>> meetings) {}
