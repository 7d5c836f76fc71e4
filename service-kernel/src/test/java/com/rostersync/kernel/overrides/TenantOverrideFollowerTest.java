package com.rostersync.kernel.overrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantControls;
import com.rostersync.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/** The overrides on the topic are read before the follower's start returns, and followed after it. */
@EmbeddedKafka(partitions = 2, topics = Topics.TENANT_OVERRIDES)
class TenantOverrideFollowerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theOverridesWrittenBeforeStartApplyOnceStartedAndATombstoneLaterClearsOne(EmbeddedKafkaBroker broker) {
        TenantRegistry registry = new TenantRegistry(List.of(tenant("maple"), tenant("oak")));
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        TenantOverrideFollower follower =
                new TenantOverrideFollower(config, JSON, Clock.systemUTC(), Duration.ofSeconds(20));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TENANT_OVERRIDES, 0, "maple", json("maple", "dry-run")));
            producer.send(new ProducerRecord<>(Topics.TENANT_OVERRIDES, 1, "oak", "not an override"));
            producer.flush();

            follower.start();
            AtomicInteger changes = new AtomicInteger();
            follower.onChange(changes::incrementAndGet);

            assertThat(follower.applyTo(registry).tenant("maple").orElseThrow().mode())
                    .as("read to the end before start returns")
                    .isEqualTo(Mode.DRY_RUN);
            assertThat(follower.applyTo(registry).tenant("oak").orElseThrow().mode())
                    .as("an unreadable override is skipped")
                    .isEqualTo(Mode.LIVE);
            assertThat(follower.current("maple"))
                    .map(TenantControlOverride::setBy)
                    .contains("ops-lead");

            producer.send(new ProducerRecord<>(Topics.TENANT_OVERRIDES, 0, "maple", null));
            producer.flush();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> follower.applyTo(registry)
                                    .tenant("maple")
                                    .orElseThrow()
                                    .mode()
                            == Mode.LIVE);
            assertThat(follower.current("maple")).isEmpty();
            assertThat(changes).hasValue(1);
        } finally {
            follower.stop();
        }
        assertThat(follower.isRunning()).isFalse();
    }

    private static String json(String tenantId, String mode) {
        return JSON.writeValueAsString(
                new TenantControlOverride(tenantId, mode, null, "ops-lead", Instant.now(), "not reviewed"));
    }

    private static Tenant tenant(String id) {
        return new Tenant(id, id, null, List.of("S"), 10, Duration.ofMinutes(1), List.of(), List.of())
                .withControls(TenantControls.LIVE_DEFAULTS);
    }
}
