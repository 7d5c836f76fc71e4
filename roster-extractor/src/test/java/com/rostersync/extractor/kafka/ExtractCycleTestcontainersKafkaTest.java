package com.rostersync.extractor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.Topics;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.ExtractorHarness;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.extractor.support.TopicReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The cycle against a real Kafka broker in a container; skipped (not failed) where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
class ExtractCycleTestcontainersKafkaTest {

    @Container
    static KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");

    @TempDir
    Path dir;

    @Test
    void dropIsPublishedOnARealBroker() throws Exception {
        try (Admin admin = Admin.create(
                java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(Topics.ROSTER_CHANGES, 1, (short) 1),
                            new NewTopic(Topics.EXTRACTOR_STATE, 1, (short) 1),
                            new NewTopic(Topics.OUTCOMES, 1, (short) 1)))
                    .all()
                    .get();
        }
        CsvDropRosterSource source = new CsvDropRosterSource(new FolderDropFetcher(), t -> {
            throw new AssertionError("folder drops only");
        });
        try (TopicReader<RosterChangeEvent> changes =
                        new TopicReader<>(kafka.getBootstrapServers(), Topics.ROSTER_CHANGES, RosterChangeEvent.class);
                ExtractorHarness extractor = new ExtractorHarness(kafka.getBootstrapServers(), t -> source)) {
            var tenant = Tenants.folderDrop("anne", Drops.goodDropIn(dir).toString(), List.of("SA"));

            assertThat(extractor.cycle.run(tenant).reason()).isEqualTo(OutcomeReason.CYCLE_COMPLETED);
            assertThat(changes.newValues(key -> true)).hasSize(12);
        }
    }
}
