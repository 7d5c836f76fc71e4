package com.rostersync.monitor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNameCheckerTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsOrVariables() {
        assertThat(MetricNameChecker.inExpression("histogram_quantile(0.95, sum by (le, result) "
                        + "(rate(rostersync_extractor_cycle_duration_seconds_bucket[$__rate_interval])))"))
                .containsExactly("rostersync_extractor_cycle_duration_seconds_bucket");
        assertThat(MetricNameChecker.inExpression("sum(rate(a_total{reason=~\"X|Y\", job=\"b\"}[15m])) by (stage)"
                        + " / on (stage) group_left sum without (instance) (rate(c_total[15m] offset 1h)) > bool 0.2"))
                .containsExactly("a_total", "c_total");
        assertThat(MetricNameChecker.inExpression(
                        "rostersync_district_last_success_age_seconds{tenant=\"$tenant\"}" + " > 7200 or vector(0)"))
                .containsExactly("rostersync_district_last_success_age_seconds");
        assertThat(MetricNameChecker.inExpression("rostersync:outcome_failure_ratio:rate15m > 1e-3"))
                .containsExactly("rostersync:outcome_failure_ratio:rate15m");
    }

    @Test
    void readsGrafanaVariableQueries() {
        assertThat(MetricNameChecker.inVariableQuery(
                        "label_values(rostersync_district_last_success_age_seconds, " + "tenant)"))
                .containsExactly("rostersync_district_last_success_age_seconds");
        assertThat(MetricNameChecker.inVariableQuery("label_values(tenant)")).isEmpty();
        assertThat(MetricNameChecker.inVariableQuery("query_result(topk(5, up))"))
                .containsExactly("up");
    }

    @Test
    void listsSampleNamesOfAScrapeAndWhatIsMissing() {
        String scrape =
                """
                # HELP x_total things
                # TYPE x_total counter
                x_total{application="sync-monitor",kind="opened"} 1.0
                y_seconds_bucket{le="0.1"} 3
                z 0
                """;
        var exported = MetricNameChecker.exportedBy(scrape);

        assertThat(exported).containsExactly("x_total", "y_seconds_bucket", "z");
        assertThat(MetricNameChecker.missing(java.util.Set.of("up", "x_total", "w_total"), exported))
                .containsExactly("w_total");
    }

    @Test
    void rulesExcludeTheNamesTheyRecord() {
        var ruleFiles = MetricNameChecker.ruleFiles();

        assertThat(ruleFiles).isNotEmpty();
        assertThat(ruleFiles.stream().flatMap(f -> MetricNameChecker.inRules(f).stream()))
                .contains("rostersync_outcomes_total", "up")
                .noneMatch(name -> name.contains(":"));
    }
}
