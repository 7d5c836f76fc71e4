package com.rostersync.localstack;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run-local.sh} as a test starts it: {@link LocalPlatform#main} in a child JVM, on this JVM's classpath
 * without the test folders (their {@code logback-test.xml} would make the launcher refuse to start), with its console
 * in a file. A child process is what a {@code kill -9} can stop the way a power cut does.
 */
final class PlatformProcess implements AutoCloseable {

    private static final Pattern SERVICE_PORT = Pattern.compile("\\] (\\S+) started on port (\\d+)");
    private static final Pattern DEMO_PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/demo/sql");

    private final Process process;
    private final Path console;

    private PlatformProcess(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /** Starts the platform with these arguments and waits until it says it runs. */
    static PlatformProcess start(Path console, Duration within, String... arguments) {
        return launch(console, arguments).awaitRunning(within);
    }

    /** Starts the platform with these arguments ({@code --local.*} and service properties) and returns at once. */
    static PlatformProcess launch(Path console, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                runtimeClasspath(),
                LocalPlatform.class.getName()));
        command.addAll(Arrays.asList(arguments));
        try {
            Files.createDirectories(console.getParent());
            return new PlatformProcess(
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(console.toFile())
                            .start(),
                    console);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the launcher printed that everything runs; kills it and fails if it exits or takes too long. */
    PlatformProcess awaitRunning(Duration within) {
        try {
            await("the platform of " + console.getFileName() + " running")
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "the platform exited with " + process.exitValue() + ":\n" + console());
                        }
                        return console().contains("=== Roster Sync local stack is running");
                    });
            return this;
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
    }

    /** This JVM's classpath minus test classes and test jars: what run-local.sh's classpath file holds. */
    static String runtimeClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")
                        && !entry.endsWith("test-classes" + File.separator)
                        && !entry.endsWith("-tests.jar"))
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
    }

    String console() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int portOf(String service) {
        Matcher matcher = SERVICE_PORT.matcher(console());
        while (matcher.find()) {
            if (matcher.group(1).equals(service)) {
                return Integer.parseInt(matcher.group(2));
            }
        }
        throw new IllegalStateException(service + " has no port in:\n" + console());
    }

    int demoPort() {
        Matcher matcher = DEMO_PORT.matcher(console());
        if (!matcher.find()) {
            throw new IllegalStateException("no demo endpoint in:\n" + console());
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed, as when the power goes. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM, as Ctrl-C: the launcher's shutdown hook stops everything in order. Whether it exited in time. */
    boolean stop() {
        process.destroy();
        return waitForExit();
    }

    /** Stops it as Ctrl-C does, and kills it if it does not exit in time. */
    @Override
    public void close() {
        if (!stop()) {
            kill();
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
