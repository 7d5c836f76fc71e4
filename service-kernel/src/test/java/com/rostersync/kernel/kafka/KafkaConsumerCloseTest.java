package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/** A consumer waits 5 s on the broker when idle, yet a record reaches it at once and a close is prompt. */
@EmbeddedKafka(partitions = 1, topics = KafkaConsumerCloseTest.TOPIC)
class KafkaConsumerCloseTest {

    static final String TOPIC = "roster.test-close.v1";
    private static final String GROUP = "close-test";

    @Test
    void anIdleListenerStopsWithoutWaitingForItsFetchAndLeavesItsGroup(EmbeddedKafkaBroker broker) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withUserConfiguration(KafkaConsumerClose.class)
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "spring.kafka.consumer.group-id=" + GROUP,
                        "spring.kafka.consumer.auto-offset-reset=earliest",
                        "spring.kafka.consumer.fetch-max-wait=5s")
                .run(context -> {
                    List<String> seen = new CopyOnWriteArrayList<>();
                    @SuppressWarnings("unchecked")
                    ConsumerFactory<String, String> consumers = context.getBean(ConsumerFactory.class);
                    ContainerProperties properties = new ContainerProperties(TOPIC);
                    properties.setMessageListener((MessageListener<String, String>) record -> seen.add(record.key()));
                    var container = new KafkaMessageListenerContainer<>(consumers, properties);
                    container.start();
                    ContainerTestUtils.waitForAssignment(container, 1);

                    // The consumer's fetch now waits up to 5 s on the broker; a record must end that wait.
                    Thread.sleep(1_000);
                    send(broker, "after");
                    await().atMost(Duration.ofSeconds(3)).until(() -> seen.contains("after"));

                    // Stopped a second into its next fetch, it must not wait the 4 s that fetch has left.
                    Thread.sleep(1_000);
                    long stopping = System.nanoTime();
                    container.stop();
                    assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofMillis(2_500));
                    // It left the group on the way: no other member would wait out its session timeout (45 s).
                    try (Admin admin = Admin.create(
                            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
                        var group = admin.describeConsumerGroups(List.of(GROUP))
                                .describedGroups()
                                .get(GROUP)
                                .get();
                        assertThat(group.members()).isEmpty();
                        assertThat(group.groupState()).isEqualTo(GroupState.EMPTY);
                    }
                });
    }

    @Test
    void aCloseThatNamesOnlyAGroupOperationIsBoundedToo(EmbeddedKafkaBroker broker) {
        // What a Kafka Streams thread calls on its main consumer.
        Consumer<String, String> consumer = KafkaConsumerClose.withBoundedClose(new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        5_000),
                new StringDeserializer(),
                new StringDeserializer()));
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.poll(Duration.ofMillis(1_000));

        long closing = System.nanoTime();
        consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.REMAIN_IN_GROUP));
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofMillis(2_500));
    }

    private static void send(EmbeddedKafkaBroker broker, String key) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, "value"));
            producer.flush();
        }
    }
}
