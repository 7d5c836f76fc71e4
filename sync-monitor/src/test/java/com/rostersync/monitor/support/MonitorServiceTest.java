package com.rostersync.monitor.support;

import com.icegreen.greenmail.util.GreenMail;
import com.rostersync.events.Topics;
import com.rostersync.monitor.SyncMonitorApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running monitor for the HTTP-facing tests (API, metrics, dashboards): a real embedded broker, real GreenMail and
 * a random port. Subclasses share the cached Spring context, so the service starts once for all of them.
 */
@SpringBootTest(
        classes = SyncMonitorApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + SyncMonitorApplication.CONFIG_NAME,
            // a failed request says why in its body, so a failure seen only in CI explains itself
            "server.error.include-message=always"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.OUTCOMES, Topics.COMMANDS, Topics.AUDIT, Topics.TENANT_OVERRIDES},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class MonitorServiceTest {

    protected static final GreenMail greenMail = MonitorTestKit.sharedGreenMail();

    private static final Path TENANTS = MonitorTestKit.tenantsFile();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void monitorProperties(DynamicPropertyRegistry registry) {
        MonitorTestKit.properties("unused", 0, TENANTS).forEach((key, value) -> {
            if (!key.equals("spring.kafka.bootstrap-servers") && !key.equals("spring.mail.port")) {
                registry.add(key, () -> value);
            }
        });
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    }

    protected HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        return send(authorization == null ? request : request.header("Authorization", authorization));
    }

    /**
     * One Prometheus scrape of the running monitor. A scrape that fails is tried again for a few seconds, as Prometheus
     * itself does at its next interval; a scrape that keeps failing fails the test with the monitor's answer.
     */
    protected String scrape() {
        HttpResponse<String> last = get("/actuator/prometheus", null);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (last.statusCode() != 200 && System.nanoTime() < deadline) {
            org.slf4j.LoggerFactory.getLogger(getClass())
                    .warn("Scrape answered {}: {}", last.statusCode(), last.body());
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            last = get("/actuator/prometheus", null);
        }
        if (last.statusCode() != 200) {
            throw new AssertionError("scrape answered " + last.statusCode() + ": " + last.body());
        }
        return last.body();
    }

    protected HttpResponse<String> post(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        return send(authorization == null ? request : request.header("Authorization", authorization));
    }

    /**
     * A consumer of what is sent to {@code topic} from now on, in a group of its own: the test classes share one
     * broker, so an earlier class's commands must not count.
     */
    protected Consumer<String, String> consumerOf(String topic) {
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker, getClass().getSimpleName() + "-" + UUID.randomUUID(), false);
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        broker.consumeFromAnEmbeddedTopic(consumer, true, topic);
        return consumer;
    }

    protected static String bearer() {
        return "Bearer " + MonitorTestKit.API_TOKEN;
    }

    protected static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
