package com.rostersync.localstack;

import com.rostersync.extractor.RosterExtractorApplication;
import com.rostersync.localstack.PlatformSettings.OperatorTenants;
import com.rostersync.localstack.PlatformSettings.SmtpRelay;
import com.rostersync.localstack.logging.ServiceLogName;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.SisDatabase;
import com.rostersync.mapper.OneRosterMapperApplication;
import com.rostersync.monitor.SyncMonitorApplication;
import com.rostersync.publisher.SftpPublisherApplication;
import com.rostersync.tenants.TenantRegistryLoader;
import com.rostersync.testsupport.SftpTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The whole platform in one JVM: a real Kafka broker (KRaft), an SFTP server standing in for Clever, an SMTP server
 * that keeps every mail as a file, the demo SIS, and the four services started with their own {@code builder()}s.
 * {@code ./run-local.sh} runs {@link #main}; the end-to-end test starts it with {@link #start} and closes it.
 */
public final class LocalPlatform implements AutoCloseable {

    public static final String EXTRACTOR = "roster-extractor";
    public static final String MAPPER = "oneroster-mapper";
    public static final String PUBLISHER = "sftp-publisher";
    public static final String MONITOR = "sync-monitor";
    public static final List<String> SERVICES = List.of(EXTRACTOR, MAPPER, PUBLISHER, MONITOR);
    /** The console's and the API's operator in the local stack, and the secrets file holding its password (token). */
    public static final String API_OPERATOR = "demo";

    static final String API_TOKEN_FILE = "MONITOR_API_TOKEN";
    /** The console's read-only user in the local stack, and the secrets file holding its password. */
    public static final String API_VIEWER = "viewer";

    static final String VIEWER_PASSWORD_FILE = "MONITOR_VIEWER_PASSWORD";

    private static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

    private static final Map<String, Supplier<SpringApplicationBuilder>> BUILDERS = Map.of(
            EXTRACTOR, RosterExtractorApplication::builder,
            MAPPER, OneRosterMapperApplication::builder,
            PUBLISHER, SftpPublisherApplication::builder,
            MONITOR, SyncMonitorApplication::builder);

    private final PlatformSettings settings;
    private final Path workdir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private String bootstrapServers;
    private SftpTestServer sftp;
    private MailArchive mail;
    private SisDatabase sis;
    private DemoEndpoint demoEndpoint;
    private final long startedAt = System.nanoTime();
    /** Instances started beyond the first of each service, for their own folders. */
    private final AtomicInteger instances = new AtomicInteger();

    private String apiToken;
    private String viewerPassword;
    /** The monitor's users with their password hashes, hashed once for every instance of the monitor. */
    private Map<String, String> monitorUsers;

    private LocalPlatform(PlatformSettings settings) {
        this.settings = settings;
        this.workdir = settings.workdir().toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> testResources = testResourcesOn(LocalPlatform.class.getClassLoader());
        if (!testResources.isEmpty()) {
            // A test logback-test.xml would win over the stack's logback.xml: no log file, every INFO on the console.
            System.err.println("Test resources on the runtime classpath, not starting: " + testResources);
            System.exit(1);
        }
        LocalPlatform platform = new LocalPlatform(PlatformSettings.fromArguments(args));
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before anything starts, so Ctrl-C while starting also stops what already runs.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the local stack...");
                            quietKafkaShutdown();
                            platform.close();
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        try {
            platform.startAll();
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e);
            System.exit(1);
        }
        System.out.println(platform.describe(Duration.ofNanos(System.nanoTime() - platform.startedAt)));
        stopped.await();
    }

    /** Where a class loader finds {@code logback-test.xml}: nowhere, on a runtime classpath. */
    static List<String> testResourcesOn(ClassLoader loader) {
        try {
            return Collections.list(loader.getResources("logback-test.xml")).stream()
                    .map(URL::toString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classpath", e);
        }
    }

    /**
     * The broker's test kit deletes its (throw-away) data folder in its own JVM shutdown hook, racing our orderly stop;
     * the broker then logs storage errors that mean nothing here, so its loggers go quiet first.
     */
    private static void quietKafkaShutdown() {
        for (String name :
                List.of("kafka", "org.apache.kafka", "state.change.logger", "org.springframework.kafka.test")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    /** Starts everything; on a failure, stops what already runs and rethrows. */
    public static LocalPlatform start(PlatformSettings settings) {
        LocalPlatform platform = new LocalPlatform(settings);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        if (!settings.keepState()) {
            cleanPreviousRun();
        }
        System.setProperty("LOCAL_STACK_LOG_DIR", workdir.resolve("logs").toString());
        // The broker is the slowest part: it starts while the SIS, SFTP and SMTP servers are prepared.
        CompletableFuture<String> kafkaStarted = startKafka();

        if (settings.demo()) {
            startDemo();
        } else {
            OperatorTenants operator = settings.operator().orElseThrow();
            TenantRegistryLoader.load(operator.tenantsFile());
            if (!Files.isDirectory(operator.secretsDir())) {
                throw new IllegalArgumentException("the secrets folder " + operator.secretsDir() + " does not exist");
            }
            Path token = operator.secretsDir().resolve(API_TOKEN_FILE);
            apiToken = Files.isRegularFile(token) ? read(token).strip() : keptSecret(workdir.resolve(API_TOKEN_FILE));
            Path viewer = operator.secretsDir().resolve(VIEWER_PASSWORD_FILE);
            viewerPassword = Files.isRegularFile(viewer)
                    ? read(viewer).strip()
                    : keptSecret(workdir.resolve(VIEWER_PASSWORD_FILE));
            progress("tenants " + operator.tenantsFile() + " and secrets " + operator.secretsDir() + " checked");
        }
        if (settings.smtp().isEmpty()) {
            mail = MailArchive.start(workdir.resolve("mail"), settings.smtpPort());
            running.add(mail);
            progress("SMTP on port " + mail.port() + ", mails kept in " + mailFolder());
        }
        bootstrapServers = kafkaStarted.join();
        progress("Kafka broker up at " + bootstrapServers);

        for (String service : SERVICES) {
            ConfigurableApplicationContext context = ServiceLogName.during(service, () -> BUILDERS.get(service)
                    .get()
                    .registerShutdownHook(false)
                    .run(arguments(service)));
            services.put(service, context);
            running.add(() -> ServiceLogName.during(service, () -> {
                context.close();
                return null;
            }));
            progress(service + " started on port " + portOf(service));
        }
        if (settings.demo() && settings.demoPort() >= 0) {
            demoEndpoint = DemoEndpoint.start(settings.demoPort(), sis);
            running.add(demoEndpoint);
        }
    }

    /**
     * With a state folder, a broker whose data is kept in {@code DIR/kafka}; otherwise the broker test kit's throw-away
     * one (its data goes with the process, like the rest of the wiped work folder).
     */
    private CompletableFuture<String> startKafka() {
        if (settings.keepState()) {
            CompletableFuture<PersistentKafkaBroker> broker = CompletableFuture.supplyAsync(
                    () -> PersistentKafkaBroker.start(workdir.resolve("kafka"), settings.kafkaPort(), 3));
            running.add(() -> broker.join().close());
            return broker.thenApply(PersistentKafkaBroker::bootstrapServers);
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        if (settings.kafkaPort() != 0) {
            kafka.kafkaPorts(settings.kafkaPort());
        }
        running.add(kafka::destroy);
        return CompletableFuture.runAsync(kafka::afterPropertiesSet).thenApply(done -> kafka.getBrokersAsString());
    }

    /**
     * The demo SIS, the stand-in Clever and the tenants reading one and writing the other. In a state folder the SIS,
     * the secrets, the SFTP host key and the uploaded files of an earlier start are kept as they are.
     */
    private void startDemo() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(TenantFile.SIS_PASSWORD_REF, keptSecret(secretFile(TenantFile.SIS_PASSWORD_REF)));
        secrets.put(API_TOKEN_FILE, keptSecret(secretFile(API_TOKEN_FILE)));
        apiToken = secrets.get(API_TOKEN_FILE);
        secrets.put(VIEWER_PASSWORD_FILE, keptSecret(secretFile(VIEWER_PASSWORD_FILE)));
        viewerPassword = secrets.get(VIEWER_PASSWORD_FILE);

        sis = new SisDatabase(workdir.resolve("sis"), secrets.get(TenantFile.SIS_PASSWORD_REF));
        boolean sisKept = settings.keepState() && sis.exists();
        if (!sisKept) {
            settings.sisContent().accept(sis);
        }
        running.add(sis.keepOpen());
        progress("demo SIS " + (sisKept ? "kept" : "written") + ": " + sis.summary());

        sftp = SftpTestServer.start(
                workdir.resolve("sftp-server"), workdir.resolve("sftp-host-key.ser"), settings.sftpPort());
        running.add(sftp);
        for (DemoDestination destination : settings.catalog().destinations()) {
            String password = keptSecret(secretFile(destination.passwordRef()));
            secrets.put(destination.passwordRef(), password);
            sftp.withPasswordUser(destination.username(), password);
            link(workdir.resolve("sftp").resolve(destination.username()), sftp.homeOf(destination.username()));
        }

        writeSecrets(secrets);
        write(
                tenantsFile(),
                TenantFile.yaml(
                        settings.catalog(),
                        sis.url(),
                        SisDatabase.USERNAME,
                        sftp.host(),
                        sftp.port(),
                        sftp.knownHostsLine(),
                        settings.syncInterval()));
        progress("SFTP server on port " + sftp.port() + ", tenants.yml written");
    }

    private Path secretFile(String name) {
        return workdir.resolve("secrets").resolve(name);
    }

    /** A secret kept from an earlier start of a state folder, or a new random one. */
    private String keptSecret(Path file) {
        if (settings.keepState() && Files.isRegularFile(file)) {
            return read(file).strip();
        }
        String secret = randomSecret();
        if (settings.keepState()) {
            write(file, secret);
        }
        return secret;
    }

    private void progress(String step) {
        System.out.printf("[local-stack %5.1f s] %s%n", (System.nanoTime() - startedAt) / 1e9, step);
    }

    /**
     * Starts one more instance of a service (another application context with the same group ids, on a free HTTP
     * port), stopped with the platform unless the caller closes it first. Kafka shares the partitions out among the
     * instances of a service, as it would among processes.
     */
    public ConfigurableApplicationContext startInstance(String service) {
        Map<String, String> properties = properties(service);
        properties.put("server.port", "0");
        if (service.equals(MAPPER)) {
            // Kafka Streams locks its state folder: each instance has its own, as separate machines would.
            properties.put(
                    "rostersync.mapper.state-dir",
                    workdir.resolve("mapper-state")
                            .resolve("instance-" + instances.incrementAndGet())
                            .toString());
        }
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = ServiceLogName.during(
                service,
                () -> BUILDERS.get(service).get().registerShutdownHook(false).run(args));
        synchronized (this) {
            running.add(() -> ServiceLogName.during(service, () -> {
                context.close();
                return null;
            }));
        }
        return context;
    }

    private String[] arguments(String service) {
        return properties(service).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    private Map<String, String> properties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("rostersync.tenants.file", tenantsFile().toString());
        properties.put("rostersync.secrets.dir", secretsFolder().toString());
        properties.put("spring.mail.host", settings.smtp().map(SmtpRelay::host).orElse("127.0.0.1"));
        properties.put(
                "spring.mail.port",
                String.valueOf(settings.smtp().map(SmtpRelay::port).orElseGet(() -> mail.port())));
        properties.put("server.port", String.valueOf(settings.servicePorts().get(service)));
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        properties.put("spring.thymeleaf.check-template-location", "false");
        if (service.equals(MAPPER)) {
            // The mapper's Kafka Streams stores live with the rest of this run, and go with it.
            properties.put(
                    "rostersync.mapper.state-dir",
                    workdir.resolve("mapper-state").toString());
        }
        if (!service.equals(MONITOR)) {
            // One JVM, one classpath: the monitor's Spring Security would otherwise lock the other services' actuator
            // endpoints behind a generated password; as their own processes they do not have it at all.
            properties.put("spring.autoconfigure.exclude", String.join(",", SECURITY_AUTO_CONFIGURATIONS));
        }
        if (service.equals(MONITOR)) {
            properties.putAll(monitorUsers());
            properties.put(
                    "rostersync.monitor.public-base-url",
                    "http://127.0.0.1:" + settings.servicePorts().get(MONITOR));
        }
        properties.putAll(settings.serviceProperties());
        return properties;
    }

    /**
     * The demo's operator and viewer. The hashes are given inline: the secrets folder may be the operator's own, which
     * the stack only reads; a deployment names a secret holding each hash instead (docs/operations.md).
     */
    private synchronized Map<String, String> monitorUsers() {
        if (monitorUsers == null) {
            PasswordEncoder hashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            String prefix = "rostersync.monitor.security.users.";
            monitorUsers = Map.of(
                    prefix + API_OPERATOR + ".role",
                    "operator",
                    prefix + API_OPERATOR + ".password-hash",
                    hashes.encode(apiToken),
                    prefix + API_VIEWER + ".role",
                    "viewer",
                    prefix + API_VIEWER + ".password-hash",
                    hashes.encode(viewerPassword));
        }
        return monitorUsers;
    }

    /** Each start begins from a clean demo (Kafka's state is not kept either), so old files cannot pass for new. */
    private void cleanPreviousRun() {
        for (String folder : List.of("sftp-server", "sftp", "mail", "sis", "secrets", "logs", "mapper-state")) {
            deleteRecursively(workdir.resolve(folder));
        }
    }

    public Path workdir() {
        return workdir;
    }

    /** The registry the services read: the operator's own, or the one the demo writes in the work folder. */
    public Path tenantsFile() {
        return settings.operator()
                .map(operator -> operator.tenantsFile().toAbsolutePath())
                .orElse(workdir.resolve("tenants.yml"));
    }

    private Path secretsFolder() {
        return settings.operator()
                .map(operator -> operator.secretsDir().toAbsolutePath())
                .orElse(workdir.resolve("secrets"));
    }

    /** Where the stand-in Clever keeps a user's {@code oneroster11/} folder ({@code DIR/sftp/<username>}). */
    public Path filesOf(String username) {
        return workdir.resolve("sftp").resolve(username).resolve("oneroster11");
    }

    public Path mailFolder() {
        return workdir.resolve("mail");
    }

    public SisDatabase sis() {
        return sis;
    }

    public SftpTestServer sftp() {
        return sftp;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How many mails the stand-in relay kept as files during this start. */
    public int savedMails() {
        return mail.saved();
    }

    /** The port a service actually listens on (the configured one, or the free one it was given). */
    public int portOf(String service) {
        return Integer.parseInt(services.get(service).getEnvironment().getProperty("local.server.port"));
    }

    public ConfigurableApplicationContext context(String service) {
        return services.get(service);
    }

    String describe(Duration startup) {
        StringBuilder out = new StringBuilder();
        out.append("\n=== Roster Sync local stack is running (started in ")
                .append(startup.toSeconds())
                .append(" s). Ctrl-C stops everything. ===\n");
        out.append(settings.keepState() ? "  State folder  " : "  Work folder   ")
                .append(workdir)
                .append(settings.keepState() ? "  (kept: the next start resumes from it)" : "")
                .append('\n');
        if (sftp != null) {
            out.append("  OneRoster CSV ").append(workdir.resolve("sftp")).append("/<username>/oneroster11/*.csv\n");
            for (DemoDestination destination : settings.catalog().destinations()) {
                out.append("                  ")
                        .append(filesOf(destination.username()))
                        .append("  (schools ")
                        .append(String.join(", ", destination.schoolIds()))
                        .append(")\n");
            }
            out.append("  SFTP server   sftp -P ")
                    .append(sftp.port())
                    .append(" <username>@127.0.0.1  (passwords in ")
                    .append(secretsFolder())
                    .append(")\n");
        }
        if (mail != null) {
            out.append("  Mails (.eml)  ")
                    .append(mailFolder())
                    .append("  (SMTP on 127.0.0.1:")
                    .append(mail.port())
                    .append(")\n");
        } else {
            SmtpRelay relay = settings.smtp().orElseThrow();
            out.append("  Mails         SMTP ")
                    .append(relay.host())
                    .append(':')
                    .append(relay.port())
                    .append('\n');
        }
        out.append("  Tenants       ").append(tenantsFile()).append('\n');
        out.append("  Secrets       ").append(secretsFolder()).append('\n');
        out.append("  Kafka         ").append(bootstrapServers()).append('\n');
        if (sis != null) {
            out.append("  SIS database  ").append(sis.url()).append('\n');
        }
        out.append("  Logs          ").append(workdir.resolve("logs")).append('\n');
        for (String service : SERVICES) {
            out.append(String.format("  %-16s http://127.0.0.1:%d/actuator/prometheus%n", service, portOf(service)));
        }
        out.append("  Console       http://127.0.0.1:")
                .append(portOf(MONITOR))
                .append("/console  (operator ")
                .append(API_OPERATOR)
                .append(", password in ")
                .append(apiTokenFile())
                .append("; viewer ")
                .append(API_VIEWER)
                .append(", password in ")
                .append(viewerPasswordFile())
                .append(")\n");
        out.append("  Approval API  curl -s -u ")
                .append(API_OPERATOR)
                .append(":$(cat ")
                .append(apiTokenFile())
                .append(") http://127.0.0.1:")
                .append(portOf(MONITOR))
                .append("/api/incidents\n");
        if (demoEndpoint != null) {
            out.append("  Change a row  curl -s --data \"update people set family_name = 'Okafor-Lee' where "
                            + "person_id = 'MHS-S0003'\" http://127.0.0.1:")
                    .append(demoEndpoint.port())
                    .append("/demo/sql\n");
            out.append("                then: grep Okafor-Lee ")
                    .append(workdir.resolve("sftp"))
                    .append("/*/oneroster11/users.csv\n");
        }
        return out.toString();
    }

    /** Where the approval API's token is: the demo's secrets, the operator's, or else the state folder. */
    private Path apiTokenFile() {
        Path token = secretsFolder().resolve(API_TOKEN_FILE);
        return settings.demo() || Files.isRegularFile(token) ? token : workdir.resolve(API_TOKEN_FILE);
    }

    /** Where the console viewer's password is: the demo's secrets, the operator's, or else the state folder. */
    private Path viewerPasswordFile() {
        Path password = secretsFolder().resolve(VIEWER_PASSWORD_FILE);
        return settings.demo() || Files.isRegularFile(password) ? password : workdir.resolve(VIEWER_PASSWORD_FILE);
    }

    /** Stops the services first (newest first), then the servers they talk to. Safe to call twice. */
    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping the local stack: " + e);
            }
        }
        running.clear();
        services.clear();
    }

    private void writeSecrets(Map<String, String> secrets) {
        Path folder = workdir.resolve("secrets");
        secrets.forEach((name, value) -> write(folder.resolve(name), value));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void link(Path link, Path target) {
        try {
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + " to " + target, e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + path, e);
        }
    }
}
