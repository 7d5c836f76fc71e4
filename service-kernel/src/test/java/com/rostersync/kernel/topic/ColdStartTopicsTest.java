package com.rostersync.kernel.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A consumer-side service started first on a fresh broker whose auto-creation is on (Kafka's default) must still read
 * every partition of its topic: the kernel creates the topics with the configured count before the listener
 * subscribes. An existing topic with fewer partitions fails start-up instead of being read in part.
 */
class ColdStartTopicsTest {

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "1",
                "offsets.topic.num.partitions", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void consumerStartedFirstOnAnAutoCreatingBrokerIsAssignedEveryConfiguredPartition() throws Exception {
        try (ConfigurableApplicationContext consumerSide = start("cold-start", 3)) {
            ChangesListener listener = consumerSide.getBean(ChangesListener.class);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(listener.assigned).hasSize(3));
            assertThat(partitionsOf(Topics.ROSTER_CHANGES)).isEqualTo(3);
            assertThat(partitionsOf(Topics.SNAPSHOTS)).isEqualTo(3);
        }
    }

    @Test
    void existingTopicWithFewerPartitionsThanConfiguredFailsStartUpNamingIt() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.AUDIT, 1, (short) 1)))
                    .values()
                    .get(Topics.AUDIT)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .exceptionally(alreadyThere -> null)
                    .get();
        }
        int existing = partitionsOf(Topics.AUDIT);

        assertThatThrownBy(() -> start("too-few", existing + 1).close())
                .isInstanceOf(TopicDeclarer.TopicPartitionsMismatchException.class)
                .hasMessageContaining(
                        Topics.AUDIT + " has " + existing + " partition(s), " + (existing + 1) + " are configured");
        assertThat(partitionsOf(Topics.AUDIT)).isEqualTo(existing);
    }

    @Test
    void historyTopicsAreTimeRetainedForTheConfiguredRetention() throws Exception {
        try (ConfigurableApplicationContext service =
                start("history", 3, "--rostersync.topics.history-retention=30d")) {
            for (String topic : List.of(Topics.RUNS, Topics.CHANGE_REPORTS)) {
                Config config = configOf(topic);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo(String.valueOf(Duration.ofDays(90).toMillis()));
            }
        }
    }

    @Test
    void historyRetentionShorterThanAnHourFailsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> start("short-history", 3, "--rostersync.topics.history-retention=5m")
                        .close())
                .hasStackTraceContaining("rostersync.topics")
                .hasStackTraceContaining("historyRetention");
    }

    private static Config configOf(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            return admin.describeConfigs(List.of(resource)).all().get().get(resource);
        }
    }

    private static ConfigurableApplicationContext start(String group, int partitions, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.application.name=" + group,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--rostersync.tenants.file=src/test/resources/tenants-kernel-test.yml",
                "--rostersync.topics.partitions=" + partitions,
                "--rostersync.topics.declare-timeout=20s"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ConsumerSideService.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    private static int partitionsOf(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ConsumerSideService {

        @org.springframework.context.annotation.Bean
        ChangesListener changesListener() {
            return new ChangesListener();
        }
    }

    static class ChangesListener implements ConsumerSeekAware {

        final Set<Integer> assigned = ConcurrentHashMap.newKeySet();

        @KafkaListener(topics = Topics.ROSTER_CHANGES)
        void onChange(String ignored) {}

        @Override
        public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
            assigned.addAll(partitions(assignments.keySet()));
        }

        private static Set<Integer> partitions(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        }
    }
}
