package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** An idle follower waits long on the broker, yet a new record reaches it at once and a stop does not wait. */
@EmbeddedKafka(partitions = 2, topics = TopicFollowerTest.TOPIC)
class TopicFollowerTest {

    static final String TOPIC = "roster.test-follow.v1";

    @Test
    void aRecordReachesAnIdleFollowerAtOnceAndAStopDoesNotWaitForTheFetchInFlight(EmbeddedKafkaBroker broker)
            throws InterruptedException {
        send(broker, "before", "1");
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicFollower follower = new TopicFollower(
                "test-follower",
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                List.of(TOPIC),
                record -> seen.add(record.key()));
        follower.startAfterReadingToTheEnd(Duration.ofSeconds(20));
        assertThat(seen).containsExactly("before");

        // The follower's fetch now waits up to 5 s on the broker; a record must end that wait.
        Thread.sleep(1_000);
        send(broker, "after", "2");
        await().atMost(Duration.ofSeconds(3)).until(() -> seen.contains("after"));

        // Stopped a second into its next fetch, it must not wait the 4 s that fetch has left.
        Thread.sleep(1_000);
        long stopping = System.nanoTime();
        follower.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
        assertThat(follower.isRunning()).isFalse();
    }

    private static void send(EmbeddedKafkaBroker broker, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value));
            producer.flush();
        }
    }
}
