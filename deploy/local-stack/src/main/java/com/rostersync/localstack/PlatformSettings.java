package com.rostersync.localstack;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoSisGenerator;
import com.rostersync.localstack.sis.SisDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link LocalPlatform} runs: the work folder, the demo catalog (tenants, schools, SFTP accounts), how the SIS
 * is filled, the ports, and Spring properties passed to all four services. {@code --local.*} arguments set the fields;
 * every other {@code --key=value} argument goes to the services unchanged.
 */
public record PlatformSettings(
        Path workdir,
        DemoCatalog catalog,
        Consumer<SisDatabase> sisContent,
        Duration syncInterval,
        int kafkaPort,
        int sftpPort,
        int smtpPort,
        int demoPort,
        Map<String, Integer> servicePorts,
        Map<String, String> serviceProperties) {

    public static final long DEFAULT_SEED = 2026L;
    public static final int DEFAULT_STUDENTS_PER_GRADE = 6;

    /** The demo as {@code ./run-local.sh} starts it, with fixed service ports 8081-8084. */
    public static PlatformSettings fromArguments(String... args) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException(
                        "arguments are Spring properties like --key=value, not '" + arg + "'");
            }
            all.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Map<String, String> local = new LinkedHashMap<>();
        Map<String, String> services = new LinkedHashMap<>();
        all.forEach((key, value) -> (key.startsWith("local.") ? local : services).put(key, value));
        long seed = Long.parseLong(local.getOrDefault("local.seed", String.valueOf(DEFAULT_SEED)));
        int perGrade = Integer.parseInt(
                local.getOrDefault("local.students-per-grade", String.valueOf(DEFAULT_STUDENTS_PER_GRADE)));
        DemoCatalog catalog = DemoCatalog.standard();
        DemoSisGenerator generator = new DemoSisGenerator(catalog, perGrade);
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(LocalPlatform.EXTRACTOR, port(local, "local.ports.extractor", 8081));
        ports.put(LocalPlatform.MAPPER, port(local, "local.ports.mapper", 8082));
        ports.put(LocalPlatform.PUBLISHER, port(local, "local.ports.publisher", 8083));
        ports.put(LocalPlatform.MONITOR, port(local, "local.ports.monitor", 8084));
        return new PlatformSettings(
                Path.of(local.getOrDefault("local.workdir", "target/local-stack")),
                catalog,
                sis -> sis.create(generator.generate(seed)),
                Duration.parse(
                        "PT" + local.getOrDefault("local.sync-interval", "2s").toUpperCase()),
                port(local, "local.kafka-port", 0),
                port(local, "local.sftp-port", 0),
                port(local, "local.smtp-port", 0),
                port(local, "local.demo-port", 8080),
                ports,
                Map.copyOf(services));
    }

    /** For tests: every port free, given catalog and SIS content, extra service properties. */
    public static PlatformSettings forTest(
            Path workdir,
            DemoCatalog catalog,
            Consumer<SisDatabase> sisContent,
            Map<String, String> serviceProperties) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : LocalPlatform.SERVICES) {
            ports.put(service, 0);
        }
        return new PlatformSettings(
                workdir, catalog, sisContent, Duration.ofSeconds(1), 0, 0, 0, 0, ports, Map.copyOf(serviceProperties));
    }

    private static int port(Map<String, String> local, String key, int fallback) {
        return Integer.parseInt(local.getOrDefault(key, String.valueOf(fallback)));
    }
}
