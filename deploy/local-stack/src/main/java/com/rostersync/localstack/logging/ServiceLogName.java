package com.rostersync.localstack.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code %service} in the local stack's log pattern: which of the four services wrote a line, although they share one
 * JVM. Our own classes are named by their package; a library's line (Kafka listener, Tomcat, Spring) by the service
 * whose start or stop created the thread that logs it: threads inherit the name from the thread that was starting
 * that service. Anything else is the launcher's own ({@code local-stack}).
 */
public final class ServiceLogName extends ClassicConverter {

    public static final String LAUNCHER = "local-stack";

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();
    private static final Map<String, String> PACKAGES = Map.of(
            "com.rostersync.extractor.", "roster-extractor",
            "com.rostersync.mapper.", "oneroster-mapper",
            "com.rostersync.publisher.", "sftp-publisher",
            "com.rostersync.monitor.", "sync-monitor",
            "com.rostersync.localstack.", LAUNCHER);

    @Override
    public String convert(ILoggingEvent event) {
        return of(event.getLoggerName());
    }

    /** The service a line of this logger, logged on the current thread, belongs to. */
    public static String of(String loggerName) {
        if (loggerName != null) {
            for (Map.Entry<String, String> prefix : PACKAGES.entrySet()) {
                if (loggerName.startsWith(prefix.getKey())) {
                    return prefix.getValue();
                }
            }
        }
        String current = CURRENT.get();
        return current == null ? LAUNCHER : current;
    }

    /** Runs a service's start or stop so that what it logs, and the threads it creates, carry its name. */
    public static <T> T during(String service, Supplier<T> work) {
        String before = CURRENT.get();
        CURRENT.set(service);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
