package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void findsMetricNamesButNotLabelsFunctionsOrVariables() {
        assertThat(
                        MetricNames.inExpression(
                                "sum by (stage, reason) (rate(rostersync_outcomes_total{reason!=\"UPLOADED\"}"
                                        + "[$__rate_interval])) / ignoring(reason) group_left sum(rate(rostersync_outcomes_sent_total[5m]))"))
                .containsExactly("rostersync_outcomes_sent_total", "rostersync_outcomes_total");
        assertThat(MetricNames.inExpression("histogram_quantile(0.95, sum by (le) (rate("
                        + "rostersync_publisher_upload_duration_seconds_bucket{tenant=~\"$tenant\"}[5m]))) > 30"))
                .containsExactly("rostersync_publisher_upload_duration_seconds_bucket");
        assertThat(MetricNames.inExpression("up{job=\"roster-sync\"} == 0")).isEmpty();
    }

    @Test
    void readsNamesFromAScrape() {
        assertThat(MetricNames.inScrape("# HELP x\n# TYPE x counter\nrostersync_outcomes_total{stage=\"MAP\"} 1.0\n"
                        + "jvm_threads_live_threads 12\n"))
                .containsExactly("jvm_threads_live_threads", "rostersync_outcomes_total");
    }
}
