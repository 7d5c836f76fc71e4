package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentKafkaBrokerTest {

    @TempDir
    Path folder;

    @Test
    void aRecordAndTheClusterIdSurviveARestartOnTheSameFolder() throws Exception {
        String firstClusterId;
        try (PersistentKafkaBroker broker = PersistentKafkaBroker.start(folder, 0, 1);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>("kept", "k", "v1")).get();
            firstClusterId = clusterId(broker);
        }
        assertThat(folder.resolve("data").resolve("meta.properties")).isRegularFile();
        String metaAfterFirstStart = Files.readString(folder.resolve("data").resolve("meta.properties"));

        try (PersistentKafkaBroker broker = PersistentKafkaBroker.start(folder, 0, 1)) {
            assertThat(clusterId(broker)).isEqualTo(firstClusterId);
            assertThat(read(broker, "kept")).containsExactly("k=v1");
        }
        assertThat(Files.readString(folder.resolve("data").resolve("meta.properties")))
                .isEqualTo(metaAfterFirstStart);
    }

    @Test
    void aStartWhoseChosenBrokerPortWasTakenMeanwhileStartsAgainOnOtherPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Deque<Integer> ports = new ArrayDeque<>(List.of(taken.getLocalPort()));
            IntSupplier takenFirst = () -> ports.isEmpty() ? PersistentKafkaBroker.freePort() : ports.pop();

            try (PersistentKafkaBroker broker = PersistentKafkaBroker.start(folder, 0, 1, takenFirst);
                    KafkaProducer<String, String> producer = new KafkaProducer<>(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                            new StringSerializer(),
                            new StringSerializer())) {
                assertThat(broker.bootstrapServers()).isNotEqualTo("127.0.0.1:" + taken.getLocalPort());
                producer.send(new ProducerRecord<>("after-retry", "k", "v")).get();
                assertThat(read(broker, "after-retry")).containsExactly("k=v");
            }
        }
    }

    @Test
    void aBrokerPortTheCallerFixedIsNotSwappedWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            assertThatThrownBy(() -> PersistentKafkaBroker.start(folder, taken.getLocalPort(), 1))
                    .hasStackTraceContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static String clusterId(PersistentKafkaBroker broker) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static List<String> read(PersistentKafkaBroker broker, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.key() + "=" + record.value());
                }
            }
        }
        return values;
    }
}
