package com.rostersync.extractor.source.jdbc;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailures;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * What a JDBC failure means for the district (seed rule "wrong credentials", on the SIS side): SQLState class 28
 * (invalid authorization) is a rejected login, SOURCE_CREDENTIALS, which a person must fix; anything else is the
 * SIS being unavailable. Only this adapter reads SQLStates.
 */
final class SisFailures {

    private SisFailures() {}

    static OutcomeReason classify(SQLException failure) {
        return isLoginRejected(failure) ? OutcomeReason.SOURCE_CREDENTIALS : OutcomeReason.SOURCE_UNAVAILABLE;
    }

    /** {@code SQLState 28P01 (authentication rejected)}: the state and the kind of fault, never a secret. */
    static String describe(SQLException failure) {
        String state = null;
        for (Throwable t = failure; t != null && state == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        return state == null ? SourceFailures.describe(failure) : "SQLState " + state + " (" + kind(failure) + ")";
    }

    private static String kind(SQLException failure) {
        var network = SourceFailures.networkFault(failure);
        if (network.isPresent()) {
            return network.get();
        }
        if (failure instanceof SQLTimeoutException) {
            return "timed out";
        }
        if (isLoginRejected(failure)) {
            return "authentication rejected";
        }
        return failure.getSQLState() != null && failure.getSQLState().startsWith("08")
                ? "connection failed"
                : "read failed";
    }

    private static boolean isLoginRejected(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("28")) {
                return true;
            }
        }
        return false;
    }
}
