package com.rostersync.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.monitor.support.MonitorServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Outcomes from a newer producer: a newer revision is handled, a newer major version is refused saying why. */
class NewerContractOutcomeTest extends MonitorServiceTest {

    @Autowired
    private IncidentDesk desk;

    @Test
    void anOutcomeReasonOfANewerRevisionOpensAGenericIncidentInsteadOfADeadLetter() throws Exception {
        send(
                "oak",
                """
                {"schemaVersion":1,"schemaMinor":4,"outcomeId":"o-newer","stage":"PUBLISH",
                 "reason":"QUOTA_EXCEEDED","tenantId":"oak","destinationId":"newer-dest","quotaAddedLater":7}""");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> desk.openIncident("PUBLISH/oak/newer-dest/UNKNOWN").isPresent());
        assertThat(desk.openIncident("PUBLISH/oak/newer-dest/UNKNOWN")
                        .orElseThrow()
                        .reason())
                .isEqualTo(OutcomeReason.UNKNOWN);
        assertThat(deadLetters())
                .noneMatch(dead -> "oak".equals(dead.key()) && dead.value().contains("o-newer"));
    }

    @Test
    void anOutcomeOfANewerMajorVersionIsDeadLetteredNamingWhereItIsAndBothVersions() throws Exception {
        send(
                "newer-major",
                """
                {"schemaVersion":2,"schemaMinor":0,"outcomeId":"o-v2","stage":"PUBLISH","reason":"UPLOADED",
                 "tenantId":"oak","destinationId":"v2-dest"}""");

        List<ConsumerRecord<String, String>> refused = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters().stream()
                    .filter(dead -> "newer-major".equals(dead.key()))
                    .forEach(refused::add);
            return !refused.isEmpty();
        });
        Header reason = refused.get(0).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                .contains(Topics.OUTCOMES + "-0@")
                .contains("schema version 2.0")
                .contains("reads major version 1");
        assertThat(desk.openIncidents())
                .noneMatch(incident -> "v2-dest".equals(incident.unit().scope()));
    }

    private void send(String key, String json) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OUTCOMES, key, json)).get(10, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<String, String>> deadLetters() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "newer-contract-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.OUTCOMES_DLT));
            KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(2)).forEach(all::add);
        }
        return all;
    }
}
