package com.rostersync.localstack;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoSisGenerator;
import com.rostersync.localstack.sis.SisDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link LocalPlatform} runs: the work folder, the demo catalog (tenants, schools, SFTP accounts), how the SIS
 * is filled, the ports, and Spring properties passed to all four services. {@code --local.*} arguments set the fields;
 * every other {@code --key=value} argument goes to the services unchanged.
 *
 * <p>With {@code keepState} the work folder is a state folder: nothing in it is wiped or regenerated at a start, and
 * the broker keeps its data there. With {@code operator} the services read the operator's own tenants and secrets,
 * and no demo SIS, SFTP server or demo endpoint starts. {@code smtp}, when given, is where mail goes instead of
 * {@code .eml} files.
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
        Map<String, String> serviceProperties,
        boolean keepState,
        Optional<OperatorTenants> operator,
        Optional<SmtpRelay> smtp) {

    /** The operator's tenant registry and the folder holding the secrets it names. */
    public record OperatorTenants(Path tenantsFile, Path secretsDir) {}

    /** An SMTP server the services send mail to. */
    public record SmtpRelay(String host, int port) {

        static SmtpRelay parse(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IllegalArgumentException("--local.smtp must be host:port, not '" + value + "'");
            }
            return new SmtpRelay(
                    value.substring(0, colon), PlatformSettings.port("--local.smtp", value.substring(colon + 1)));
        }
    }

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
        Optional<OperatorTenants> operator = operator(local);
        boolean keepState = local.containsKey("local.state");
        if (keepState && local.containsKey("local.workdir")) {
            throw new IllegalArgumentException("give either --local.state=DIR (kept) or --local.workdir=DIR (wiped)");
        }
        Path workdir = Path.of(
                keepState ? local.get("local.state") : local.getOrDefault("local.workdir", "target/local-stack"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(LocalPlatform.EXTRACTOR, port(local, "local.ports.extractor", 8081));
        ports.put(LocalPlatform.MAPPER, port(local, "local.ports.mapper", 8082));
        ports.put(LocalPlatform.PUBLISHER, port(local, "local.ports.publisher", 8083));
        ports.put(LocalPlatform.MONITOR, port(local, "local.ports.monitor", 8084));
        return new PlatformSettings(
                workdir,
                catalog,
                sis -> sis.create(generator.generate(seed)),
                Duration.parse(
                        "PT" + local.getOrDefault("local.sync-interval", "2s").toUpperCase()),
                port(local, "local.kafka-port", 0),
                port(local, "local.sftp-port", 0),
                port(local, "local.smtp-port", 0),
                port(local, "local.demo-port", operator.isPresent() ? -1 : 8080),
                ports,
                Map.copyOf(services),
                keepState,
                operator,
                Optional.ofNullable(local.get("local.smtp")).map(SmtpRelay::parse));
    }

    /** The operator's tenants and secrets, or none for the demo; refuses the combinations that cannot work. */
    private static Optional<OperatorTenants> operator(Map<String, String> local) {
        boolean demo = Boolean.parseBoolean(
                local.getOrDefault("local.demo", String.valueOf(!local.containsKey("local.tenants"))));
        if (demo && local.containsKey("local.tenants")) {
            throw new IllegalArgumentException(
                    "--local.demo=true runs the demo's own tenants; leave it out to run --local.tenants");
        }
        if (demo) {
            if (local.containsKey("local.secrets")) {
                throw new IllegalArgumentException(
                        "--local.secrets goes with --local.tenants (the demo writes its own secrets)");
            }
            return Optional.empty();
        }
        for (String required : new String[] {"local.tenants", "local.secrets", "local.state"}) {
            if (!local.containsKey(required)) {
                throw new IllegalArgumentException("without the demo, --" + required
                        + "=... is needed (--local.tenants=FILE --local.secrets=DIR --local.state=DIR)");
            }
        }
        return Optional.of(
                new OperatorTenants(Path.of(local.get("local.tenants")), Path.of(local.get("local.secrets"))));
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
                workdir,
                catalog,
                sisContent,
                Duration.ofSeconds(1),
                0,
                0,
                0,
                0,
                ports,
                Map.copyOf(serviceProperties),
                false,
                Optional.empty(),
                Optional.empty());
    }

    /** The demo, or the operator's tenants, started as {@code ./run-local.sh} would start it. */
    public boolean demo() {
        return operator.isEmpty();
    }

    private static int port(Map<String, String> local, String key, int fallback) {
        return local.containsKey(key) ? port("--" + key, local.get(key)) : fallback;
    }

    private static int port(String argument, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(argument + " must be a port number, not '" + value + "'", e);
        }
    }
}
