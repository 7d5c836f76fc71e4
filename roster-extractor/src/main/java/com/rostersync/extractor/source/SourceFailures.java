package com.rostersync.extractor.source;

import com.rostersync.events.outcome.OutcomeReason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Tells a rejected credential from an unreachable source, so the right people get the right incident (each failure
 * its own reason). Anything else that stops a read is reported as the source being unavailable.
 */
public final class SourceFailures {

    private static final int H2_WRONG_USER_OR_PASSWORD = 28000;

    private SourceFailures() {}

    public static OutcomeReason classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isAuthentication(sql)) {
                return OutcomeReason.SOURCE_CREDENTIALS;
            }
            if (isSshAuthentication(t)) {
                return OutcomeReason.SOURCE_CREDENTIALS;
            }
        }
        return OutcomeReason.SOURCE_UNAVAILABLE;
    }

    /** A short, secret-free description of the root cause: its type and the kind of fault. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQLState " + sql.getSQLState() + " (" + kind(failure) + ")";
            }
        }
        return root.getClass().getSimpleName() + " (" + kind(failure) + ")";
    }

    private static String kind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException
                    || t instanceof SQLTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof InterruptedIOException) {
                return "timed out";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isAuthentication(sql) || isSshAuthentication(t)) {
                return "authentication rejected";
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return "connection failed";
            }
        }
        return "read failed";
    }

    private static boolean isAuthentication(SQLException sql) {
        String state = sql.getSQLState();
        return state != null && state.startsWith("28") || sql.getErrorCode() == H2_WRONG_USER_OR_PASSWORD;
    }

    private static boolean isSshAuthentication(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName().startsWith("org.apache.sshd")
                && message != null
                && message.toLowerCase(Locale.ROOT).contains("no more authentication methods");
    }
}
