package com.rostersync.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.utils.KafkaTestUtils;

class PoisonOutcomeTest extends MonitorServiceTest {

    @Autowired
    private IncidentDesk desk;

    @Test
    void anUnreadableOutcomeGoesToTheDeadLetterTopicAndTheNextOneIsStillHandled() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OUTCOMES, "maple/MHS", "{not json"))
                    .get(10, TimeUnit.SECONDS);
        }
        MonitorTestKit.send(
                broker.getBrokersAsString(),
                Outcomes.extract(
                        "oak", com.rostersync.events.outcome.OutcomeReason.SOURCE_CREDENTIALS, java.util.List.of()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> desk.openIncident("EXTRACT/oak/SOURCE_CREDENTIALS").isPresent());
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "poison-test", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(java.util.List.of(Topics.OUTCOMES_DLT));
            var dead = KafkaTestUtils.getSingleRecord(consumer, Topics.OUTCOMES_DLT, Duration.ofSeconds(20));
            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(dead.key()).isEqualTo("maple/MHS");
        }
    }
}
