package com.rostersync.extractor.source;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * A short, secret-free description of what stopped a cycle: the root cause's type and the kind of network fault.
 * Which failure is a rejected credential is for each adapter to tell (it knows its library); this only describes.
 */
public final class SourceFailures {

    private SourceFailures() {}

    /** The root cause's type and the kind of fault, e.g. {@code ConnectException (connection refused)}. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
        }
        return root.getClass().getSimpleName() + " (" + networkFault(failure).orElse("read failed") + ")";
    }

    /** The network fault in a cause chain, if it is one: unknown host, connection refused or timed out. */
    public static java.util.Optional<String> networkFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return java.util.Optional.of("unknown host");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return java.util.Optional.of("connection refused");
            }
            if (t instanceof SocketTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof InterruptedIOException) {
                return java.util.Optional.of("timed out");
            }
        }
        return java.util.Optional.empty();
    }
}
