package com.rostersync.extractor.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.h2.api.Trigger;

/**
 * The deletion log of our canonical schema on H2 ({@code sis/change-tracking-h2.sql}): after a row is deleted, its
 * entity and id go to {@code deleted_records}, which is how an incremental read sees a deletion without scanning the
 * table. On PostgreSQL the same log is kept by a PL/pgSQL trigger.
 */
public final class H2DeletionLog implements Trigger {

    /** Table to entity name; in every canonical table the record's id is the first column. */
    private static final Map<String, String> ENTITIES = Map.of(
            "TERMS", "term",
            "COURSES", "course",
            "SECTIONS", "section",
            "SECTION_MEETINGS", "meeting",
            "PEOPLE", "person",
            "PERSON_SCHOOLS", "personSchool",
            "ENROLLMENTS", "enrollment",
            "DEMOGRAPHICS", "demographics");

    private String entity;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        entity = ENTITIES.get(table.toUpperCase(Locale.ROOT));
        if (entity == null) {
            throw new SQLException("no deletion log entity for table " + table);
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement log =
                connection.prepareStatement("insert into deleted_records (entity, record_id) values (?, ?)")) {
            log.setString(1, entity);
            log.setString(2, String.valueOf(oldRow[0]));
            log.executeUpdate();
        }
    }
}
