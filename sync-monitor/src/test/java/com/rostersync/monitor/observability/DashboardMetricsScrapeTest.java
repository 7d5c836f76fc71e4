package com.rostersync.monitor.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric the dashboards and alert rules query that the monitor exports is in a real scrape of the running
 * monitor; every other name is one the team agreed for another service (checked against those services' scrapes by
 * the end-to-end test). A typo in a dashboard fails here.
 */
class DashboardMetricsScrapeTest extends MonitorServiceTest {

    /** The agreed names other services export (team brief), besides the JVM and Kafka client metrics. */
    static final Set<String> OTHER_SERVICES = Set.of(
            "rostersync_extractor_records_read_total",
            "rostersync_extractor_reads_total",
            "rostersync_extractor_records_published_total",
            "rostersync_extractor_cycle_duration_seconds_bucket",
            "rostersync_mapper_snapshots_emitted_total",
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
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(MetricNameChecker.missing(
                        MONITOR,
                        MetricNameChecker.exportedBy(
                                get("/actuator/prometheus", null).body())))
                .isEmpty());
        String scrape = get("/actuator/prometheus", null).body();
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
                        "rostersync_emails_sent_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "jvm_memory_used_bytes");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(MetricNameChecker.missing(
                        monitorNames,
                        MetricNameChecker.exportedBy(
                                get("/actuator/prometheus", null).body())))
                .isEmpty());
    }

    @Test
    void theMonitorsSeriesCarryOnlyBoundedLabels() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.thresholdHeld("maple", "MMS"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/prometheus", null)
                .body()
                .contains("rostersync_incidents_open{application=\"sync-monitor\",reason=\"THRESHOLD\"} 1"));
        String scrape = get("/actuator/prometheus", null).body();

        assertThat(scrape)
                .contains(
                        "rostersync_outcomes_total{application=\"sync-monitor\",reason=\"SNAPSHOT_READY\","
                                + "stage=\"MAP\"}",
                        "rostersync_emails_sent_total{application=\"sync-monitor\",kind=\"opened\"}",
                        "rostersync_district_last_success_age_seconds{application=\"sync-monitor\",tenant=\"maple\"}");
        assertThat(scrape.lines().filter(line -> line.startsWith("rostersync_")))
                .noneMatch(line -> line.contains("school") || line.contains("MMS"));
    }
}
