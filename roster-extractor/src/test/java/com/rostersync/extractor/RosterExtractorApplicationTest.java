package com.rostersync.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.SisDatabase;
import com.rostersync.extractor.support.TopicReader;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The walking-skeleton path of the extractor as it runs: the tenant registry file, the scheduler, a real H2 SIS,
 * the secret from the secrets folder, the embedded broker, and the agreed metric names in Prometheus format.
 */
@SpringBootTest(
        properties = {
            "spring.config.name=roster-extractor",
            "rostersync.extractor.tick=100ms",
            // Every cycle reports, so a test can count a tenant's cycles on the outcomes topic.
            "rostersync.extractor.repeat-report-every=0s",
            "rostersync.topics.partitions=1"
        })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RosterExtractorApplicationTest {

    static final String BIRCH_WRONG_PASSWORD = "expired-" + System.nanoTime();
    static final Path DIR;
    static final SisDatabase SIS;

    static {
        try {
            DIR = Files.createTempDirectory("extractor-app");
            SIS = SisDatabase.createIn(DIR);
            Files.createDirectories(DIR.resolve("secrets"));
            Files.writeString(DIR.resolve("secrets").resolve("MAPLE_SIS_PASSWORD"), SisDatabase.PASSWORD + "\n");
            Files.writeString(DIR.resolve("secrets").resolve("BIRCH_SIS_PASSWORD"), BIRCH_WRONG_PASSWORD + "\n");
            Drops.goodDropIn(DIR.resolve("oak-drop"));
            Drops.goodDropIn(DIR.resolve("elm-drop"));
            Files.writeString(
                    DIR.resolve("tenants.yml"),
                    """
                    tenants:
                      - id: maple
                        schoolIds: [S1, S2]
                        syncInterval: 1s
                        source:
                          type: JDBC
                          jdbc:
                            url: %s
                            username: sis
                            passwordRef: MAPLE_SIS_PASSWORD
                            timeout: 5s
                      - id: birch
                        schoolIds: [S1]
                        syncInterval: 1h
                        source:
                          type: JDBC
                          jdbc:
                            url: %s
                            username: sis
                            passwordRef: BIRCH_SIS_PASSWORD
                            timeout: 5s
                      - id: oak
                        schoolIds: [SA]
                        syncInterval: 1h
                        source:
                          type: CSV_DROP
                          csvDrop:
                            folder: %s
                      - id: elm
                        schoolIds: [SA]
                        syncInterval: 1s
                        source:
                          type: CSV_DROP
                          csvDrop:
                            folder: %s
                    """
                            .formatted(SIS.url(), SIS.url(), DIR.resolve("oak-drop"), DIR.resolve("elm-drop")));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("rostersync.tenants.file", () -> DIR.resolve("tenants.yml").toString());
        registry.add("rostersync.secrets.dir", () -> DIR.resolve("secrets").toString());
        registry.add("rostersync.tenants.poll-interval", () -> "200ms");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Test
    void registryTenantIsExtractedOnScheduleAndAChangedRowFollows() {
        List<SyncOutcome> outcomes = new ArrayList<>();
        List<RosterChangeEvent> s1 = new ArrayList<>();
        try (TopicReader<SyncOutcome> outcomeReader = fromStart(Topics.OUTCOMES, SyncOutcome.class);
                TopicReader<RosterChangeEvent> changeReader =
                        fromStart(Topics.ROSTER_CHANGES, RosterChangeEvent.class)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                outcomes.addAll(outcomeReader.newValues(key -> true));
                s1.addAll(changeReader.newValues(key -> key.equals(Keys.school("maple", "S1"))));
                assertThat(outcomes).anyMatch(o -> o.reason() == OutcomeReason.CYCLE_COMPLETED);
                assertThat(s1).anyMatch(CycleCompleted.class::isInstance);
            });
            assertThat(s1).hasSize(10);

            SIS.execute("update people set given_name = 'Alexa' where person_id = 'P2'");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                s1.addAll(changeReader.newValues(key -> key.equals(Keys.school("maple", "S1"))));
                assertThat(s1).hasSize(12);
            });
        }
        String scrape = prometheus.scrape();
        assertThat(scrape)
                .contains(
                        "rostersync_extractor_records_read_total",
                        "rostersync_extractor_reads_total",
                        "rostersync_extractor_drops_being_written_total{application=\"roster-extractor\",source=\"folder\"} 0.0",
                        "rostersync_outcomes_sent_total",
                        "rostersync_extractor_records_published_total",
                        "rostersync_extractor_cycle_duration_seconds_bucket",
                        "application=\"roster-extractor\"");
    }

    @Test
    void aSisPasswordRotatedOnDiskIsReadAgainAtOnceThoughTheNextCycleIsAnHourAway() throws Exception {
        try (TopicReader<SyncOutcome> outcomeReader = fromStart(Topics.OUTCOMES, SyncOutcome.class)) {
            List<SyncOutcome> birch = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                birch.addAll(outcomeReader.newValues(key -> key.startsWith("birch")));
                assertThat(birch).anyMatch(o -> o.reason() == OutcomeReason.SOURCE_CREDENTIALS);
            });
            SyncOutcome refused = birch.stream()
                    .filter(o -> o.reason() == OutcomeReason.SOURCE_CREDENTIALS)
                    .findFirst()
                    .orElseThrow();
            assertThat(refused.message())
                    .as("the SIS login is named, never the password")
                    .contains("login sis@in-process")
                    .doesNotContain(BIRCH_WRONG_PASSWORD, SisDatabase.PASSWORD);

            Path secret = DIR.resolve("secrets").resolve("BIRCH_SIS_PASSWORD");
            Path next = Files.writeString(secret.resolveSibling("BIRCH_SIS_PASSWORD.new"), SisDatabase.PASSWORD + "\n");
            Files.move(next, secret, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                birch.addAll(outcomeReader.newValues(key -> key.startsWith("birch")));
                assertThat(birch).anyMatch(o -> o.reason() == OutcomeReason.CYCLE_COMPLETED);
            });
        }
    }

    @Test
    void aNewFileInAFolderDropIsReadWithinSecondsThoughTheNextCycleIsAnHourAway() throws Exception {
        String school = Keys.school("oak", "SA");
        try (TopicReader<RosterChangeEvent> changeReader = fromStart(Topics.ROSTER_CHANGES, RosterChangeEvent.class)) {
            List<RosterChangeEvent> oak = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                oak.addAll(changeReader.newValues(school::equals));
                assertThat(oak).anyMatch(CycleCompleted.class::isInstance);
            });
            oak.clear();

            // As a SIS drops a file: written beside the folder, then renamed into it.
            Path written = DIR.resolve("users.csv.part");
            Files.writeString(written, Drops.goodText("users.csv").replace(",Kim,Park,", ",Kim,Parker,"));
            Files.move(written, DIR.resolve("oak-drop").resolve("users.csv"), StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                oak.addAll(changeReader.newValues(school::equals));
                assertThat(oak)
                        .filteredOn(RecordChanged.class::isInstance)
                        .map(event -> ((RecordChanged) event).sourcedId())
                        .containsExactly("U2");
            });
        }
    }

    @Test
    void aWatchedFolderDropAtRestIsNotReadAgainEverySyncInterval() throws Exception {
        try (TopicReader<SyncOutcome> outcomeReader = fromStart(Topics.OUTCOMES, SyncOutcome.class)) {
            List<SyncOutcome> elm = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                elm.addAll(outcomeReader.newValues("elm"::equals));
                assertThat(elm).anyMatch(o -> o.reason() == OutcomeReason.CYCLE_COMPLETED);
            });
            int cyclesSoFar = elm.size();

            // Its sync interval is 1s; watched on a local file system it rests watched-drop-interval (1m) instead.
            Thread.sleep(4_000);
            elm.addAll(outcomeReader.newValues("elm"::equals));

            assertThat(elm).hasSize(cyclesSoFar);
        }
    }

    private <T> TopicReader<T> fromStart(String topic, Class<T> type) {
        return new TopicReader<>(broker.getBrokersAsString(), topic, type, true);
    }
}
