package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** A state topic is replayed to its end; an entry that cannot be applied is logged with its position and skipped. */
@EmbeddedKafka(partitions = 2, topics = CompactedTopicReaderTest.TOPIC)
class CompactedTopicReaderTest {

    static final String TOPIC = "roster.test-state.v1";

    @Test
    void aOneShotReaderKeepsKafkasFetchWaitNotTheListenersLongOne() {
        // A reader closes as soon as it has read, and its close waits for the fetch in flight.
        Map<String, Object> reader = CompactedTopicReader.withoutGroup(
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "service", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                        KafkaConsumerClose.IDLE_FETCH_WAIT.toMillis()));

        assertThat(reader).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
    }

    @Test
    void replaysToTheEndAndSkipsAnEntryThatCannotBeAppliedNamingItsPosition(EmbeddedKafkaBroker broker) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "a", "1"));
            producer.send(new ProducerRecord<>(TOPIC, 0, "bad", "not a number"));
            producer.send(new ProducerRecord<>(TOPIC, 1, "b", "2"));
            producer.send(new ProducerRecord<>(TOPIC, 1, "c", "3"));
            producer.send(new ProducerRecord<>(TOPIC, 1, "c", null));
            producer.flush();
        }
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(CompactedTopicReader.class);
        logger.addAppender(logged);
        Map<String, Integer> table = new LinkedHashMap<>();
        try {
            CompactedTopicReader.Replay replay = new CompactedTopicReader(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))
                    .readToEnd(TOPIC, Duration.ofSeconds(20), (key, value) -> {
                        if (value == null) {
                            table.remove(key);
                        } else {
                            table.put(key, Integer.parseInt(new String(value, StandardCharsets.UTF_8)));
                        }
                    });

            assertThat(table).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2));
            assertThat(replay).isEqualTo(new CompactedTopicReader.Replay(4, 1));
            assertThat(logged.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line)
                            .contains(TOPIC, "partition 0", "offset 1", "key bad", "NumberFormatException")
                            .doesNotContain("not a number"));
        } finally {
            logger.detachAppender(logged);
        }
    }
}
