package com.rostersync.extractor.source.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Puts a read's transaction at the isolation level that makes every table of the read one point in time. Without it,
 * an SIS transaction committed between two table reads (a student withdrawn with their enrollments) is seen half: the
 * person gone and the enrollments still there, and that torn school is what would be uploaded.
 *
 * <p>PostgreSQL, MySQL and MariaDB take one snapshot for the whole transaction at {@code REPEATABLE READ}. H2 takes
 * one per table at that level; its {@code SERIALIZABLE} is the whole-transaction snapshot, and a read-only transaction
 * there blocks no writer. Oracle, which has no {@code REPEATABLE READ}, gives a read-only transaction one snapshot.
 */
final class OneSnapshot {

    private OneSnapshot() {}

    static void isolate(Connection connection) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        int level = "H2".equals(database.getDatabaseProductName())
                ? Connection.TRANSACTION_SERIALIZABLE
                : Connection.TRANSACTION_REPEATABLE_READ;
        if (database.supportsTransactionIsolationLevel(level)) {
            connection.setTransactionIsolation(level);
        }
    }
}
