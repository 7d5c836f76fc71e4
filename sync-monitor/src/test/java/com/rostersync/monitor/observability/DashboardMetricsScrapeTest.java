package com.rostersync.monitor.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every metric the dashboards and alert rules query that the monitor exports is in a real scrape of the running
 * monitor; every other name is one the team agreed for another service (checked against those services' scrapes by
 * the end-to-end test). A typo in a dashboard fails here.
 */
class DashboardMetricsScrapeTest extends MonitorServiceTest {

    /** The agreed names other services export (the dashboards and alert rules read them), besides the JVM and Kafka client metrics. */
    static final Set<String> OTHER_SERVICES = Set.of(
            "rostersync_extractor_records_read_total",
            "rostersync_extractor_reads_total",
            "rostersync_extractor_drops_being_written_total",
            "rostersync_extractor_records_published_total",
            "rostersync_extractor_cycle_duration_seconds_bucket",
            "rostersync_mapper_snapshots_emitted_total",
            "rostersync_mapper_cycles_total",
            "rostersync_mapper_deletions_held",
            "rostersync_mapper_validation_issues_total",
            "rostersync_publisher_uploads_total",
            "rostersync_publisher_upload_bytes_bucket",
            "rostersync_publisher_upload_duration_seconds_bucket",
            "rostersync_outcomes_sent_total");

    /** The monitor's agreed names (docs/metrics.md): all exported from start-up, before any outcome or mail. */
    static final Set<String> MONITOR = Set.of(
            "rostersync_outcomes_total",
            "rostersync_incidents_open",
            "rostersync_district_last_success_age_seconds",
            "rostersync_emails_sent_total",
            "rostersync_monitor_mails_total",
            "rostersync_monitor_incidents_unannounced");

    @Test
    void theMailSeriesArePresentAtZeroForEveryKindAndResult() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.snapshotReady("maple", "MMS"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        MetricNameChecker.missing(MONITOR, MetricNameChecker.exportedBy(scrape())))
                .isEmpty());
        String scrape = scrape();
        for (String kind : List.of("opened", "reminder", "resolved")) {
            for (String result : List.of("sent", "failed", "no_recipient")) {
                assertThat(scrape)
                        .containsPattern("rostersync_monitor_mails_total\\{application=\"sync-monitor\",kind=\"" + kind
                                + "\",result=\"" + result + "\"} ");
            }
        }
        assertThat(scrape).contains("rostersync_monitor_incidents_unannounced{application=\"sync-monitor\"} ");
    }

    @Test
    void everyNameTheDashboardsAndRulesQueryIsExportedByTheMonitorOrAgreedForAnotherService() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.snapshotReady("maple", "MMS"));
        Set<String> used = new TreeSet<>();
        for (Path dashboard : MetricNameChecker.dashboards()) {
            used.addAll(MetricNameChecker.inDashboard(dashboard));
        }
        for (Path rules : MetricNameChecker.ruleFiles()) {
            used.addAll(MetricNameChecker.inRules(rules));
        }
        Set<String> monitorNames = new TreeSet<>(used);
        monitorNames.removeAll(OTHER_SERVICES);

        assertThat(MetricNameChecker.dashboards()).hasSize(2);
        assertThat(monitorNames)
                .contains(
                        "rostersync_outcomes_total",
                        "rostersync_incidents_open",
                        "rostersync_district_last_success_age_seconds",
                        "rostersync_district_incidents_open",
                        "rostersync_holds_awaiting_approval_age_seconds",
                        "rostersync_dead_letter_records",
                        "rostersync_monitor_mails_total",
                        "rostersync_monitor_incidents_unannounced",
                        "kafka_consumer_fetch_manager_records_lag",
                        "jvm_memory_used_bytes");
        // Kafka's per-partition metrics (records_lag) reach Micrometer at its next look for new client metrics,
        // up to a minute after the partitions were assigned.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                        MetricNameChecker.missing(monitorNames, MetricNameChecker.exportedBy(scrape())))
                .isEmpty());
    }

    @Test
    void theMonitorsSeriesCarryOnlyBoundedLabels() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.thresholdHeld("maple", "MMS"));
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains(
                        "rostersync_incidents_open{application=\"sync-monitor\",reason=\"THRESHOLD\"} 1"));
        String scrape = scrape();

        assertThat(scrape)
                .contains(
                        "rostersync_outcomes_total{application=\"sync-monitor\",reason=\"SNAPSHOT_READY\","
                                + "stage=\"MAP\"}",
                        "rostersync_emails_sent_total{application=\"sync-monitor\",kind=\"opened\"}",
                        "rostersync_district_last_success_age_seconds{application=\"sync-monitor\",tenant=\"maple\"}");
        assertThat(scrape.lines()
                        .filter(line -> line.startsWith("rostersync_"))
                        .filter(line -> !line.startsWith("rostersync_holds_awaiting_approval_age_seconds")))
                .as("only a hold names its school")
                .noneMatch(line -> line.contains("school") || line.contains("MMS"));
    }

    @Test
    void aHoldAwaitingApprovalIsASeriesWithItsSchoolUntilItResolves() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.thresholdHeld("oak", "OHS"));
        String held =
                "rostersync_holds_awaiting_approval_age_seconds{application=\"sync-monitor\",reason=\"THRESHOLD\","
                        + "school=\"OHS\",tenant=\"oak\"}";
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains(held));
        assertThat(value("rostersync_district_incidents_open{application=\"sync-monitor\",tenant=\"oak\"}"))
                .isEqualTo(1.0);
        assertThat(value("rostersync_holds_awaiting_approval{application=\"sync-monitor\",reason=\"THRESHOLD\"}"))
                .as("other tests may hold a school too")
                .isGreaterThanOrEqualTo(1.0);

        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.snapshotReady("oak", "OHS"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !scrape().contains(held));
        assertThat(value("rostersync_district_incidents_open{application=\"sync-monitor\",tenant=\"oak\"}"))
                .isZero();
    }

    @Test
    void everyReasonOfEveryStageIsASeriesAtZeroBeforeItsFirstOutcome() {
        String scrape = scrape();

        assertThat(scrape)
                .contains(
                        "rostersync_outcomes_total{application=\"sync-monitor\",reason=\"DISK_FULL\",stage=\"PUBLISH\"}",
                        "rostersync_outcomes_total{application=\"sync-monitor\",reason=\"ID_CHURN\",stage=\"MAP\"}",
                        "rostersync_outcomes_total{application=\"sync-monitor\",reason=\"SOURCE_CREDENTIALS\","
                                + "stage=\"EXTRACT\"}",
                        "rostersync_incidents_open{application=\"sync-monitor\",reason=\"ID_CHURN\"}",
                        "rostersync_dead_letter_records{application=\"sync-monitor\",topic=\"roster.snapshots.v1.dlt\"}");
    }

    @Test
    void recordsOnADeadLetterTopicAreCounted() throws Exception {
        double before = deadLetters();
        assertThat(before).as("the series exists before the topic does").isZero();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            // As the publisher's listener sets aside a snapshot it cannot read.
            producer.send(new ProducerRecord<>(Topics.SNAPSHOTS_DLT, "oak/OHS", "{not json"))
                    .get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters() == before + 1);
    }

    private double deadLetters() {
        return value("rostersync_dead_letter_records{application=\"sync-monitor\",topic=\"roster.snapshots.v1.dlt\"}");
    }

    /** The value of one series in a scrape, -1 when it is not there. */
    private double value(String series) {
        return scrape().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElse(-1);
    }
}
