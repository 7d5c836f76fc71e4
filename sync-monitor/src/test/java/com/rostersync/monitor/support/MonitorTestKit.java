package com.rostersync.monitor.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.rostersync.events.outcome.SyncOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/** The real parts every monitor integration test uses: GreenMail, the test tenant registry, an outcome producer. */
public final class MonitorTestKit {

    public static final String API_TOKEN = "test-token-0123456789abcdef";
    public static final String OPERATOR = "ops-anna";
    public static final String VIEWER = "viewer-ben";
    public static final String VIEWER_PASSWORD = "viewer-password-0123456789";
    /** Cost 4, the least bcrypt allows: the tests hash and check often, and the strength is not what they prove. */
    private static final BCryptPasswordEncoder HASHES = new BCryptPasswordEncoder(4);

    private static final String OPERATOR_HASH = "{bcrypt}" + HASHES.encode(API_TOKEN);
    private static final String VIEWER_HASH = "{bcrypt}" + HASHES.encode(VIEWER_PASSWORD);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static GreenMail shared;

    private MonitorTestKit() {}

    /**
     * One GreenMail for the whole test JVM, for Spring contexts that the test framework caches across classes (a
     * per-class server would leave a cached context pointing at a stopped port). Stopped when the JVM exits.
     */
    public static synchronized GreenMail sharedGreenMail() {
        if (shared == null) {
            shared = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    public static GreenMailExtension greenMail() {
        return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    }

    /** Copies the test registry (districts maple and oak, one leader each) to a file the service can watch. */
    public static Path tenantsFile() {
        try (InputStream in = MonitorTestKit.class.getResourceAsStream("/tenants-monitor-test.yml")) {
            Path file = Files.createTempFile("tenants-monitor", ".yml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The properties a monitor under test runs with, beside the broker and the SMTP port. */
    public static Map<String, Object> properties(String bootstrapServers, int smtpPort, Path tenants) {
        return Map.ofEntries(
                Map.entry("spring.kafka.bootstrap-servers", bootstrapServers),
                Map.entry("spring.mail.host", "127.0.0.1"),
                Map.entry("spring.mail.port", smtpPort),
                Map.entry("rostersync.tenants.file", tenants.toString()),
                Map.entry("rostersync.tenants.poll-interval", "1s"),
                Map.entry("rostersync.topics.partitions", 1),
                Map.entry("rostersync.monitor.check-interval", "200ms"),
                Map.entry("rostersync.monitor.public-base-url", "https://sync.example.org/monitor/"),
                Map.entry("rostersync.monitor.security.users." + OPERATOR + ".role", "operator"),
                Map.entry("rostersync.monitor.security.users." + OPERATOR + ".password-hash", OPERATOR_HASH),
                Map.entry("rostersync.monitor.security.users." + VIEWER + ".role", "viewer"),
                Map.entry("rostersync.monitor.security.users." + VIEWER + ".password-hash", VIEWER_HASH));
    }

    /** Command-line arguments, which win over the service's own configuration file (default properties do not). */
    public static String[] arguments(Map<String, Object> properties, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        for (String property : more) {
            args.add("--" + property);
        }
        return args.toArray(String[]::new);
    }

    /** Sends outcomes as the other stages do: JSON without type headers, keyed by school or tenant. */
    public static void send(String bootstrapServers, SyncOutcome... outcomes) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (SyncOutcome outcome : outcomes) {
                String key = outcome.schoolIds().isEmpty()
                        ? outcome.tenantId()
                        : outcome.tenantId() + "/" + outcome.schoolIds().get(0);
                producer.send(new ProducerRecord<>(
                                com.rostersync.events.Topics.OUTCOMES, key, JSON.writeValueAsString(outcome)))
                        .get(10, TimeUnit.SECONDS);
            }
        } catch (Exception failed) {
            throw new IllegalStateException("Could not send outcomes", failed);
        }
    }
}
