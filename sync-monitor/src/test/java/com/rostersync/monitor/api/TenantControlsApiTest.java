package com.rostersync.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

class TenantControlsApiTest extends MonitorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anOperatorSwitchesTheModeAndBackToTheRegistryWithAnOverrideATombstoneAndAuditEntries() throws Exception {
        try (Consumer<String, String> overrides = consumerOf(Topics.TENANT_OVERRIDES);
                Consumer<String, String> audit = consumerOf(Topics.AUDIT)) {
            var dryRun = post("/api/tenants/oak/mode?mode=dry-run&reason=first%20report%20not%20reviewed", operator());
            assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(202);
            assertThat(dryRun.body()).contains("\"registryMode\":\"live\"", "\"mode\":\"dry-run\"");

            ConsumerRecord<String, String> set = await().atMost(Duration.ofSeconds(10))
                    .until(() -> lastOf(overrides, "oak"), found -> found != null && found.value() != null);
            TenantControlOverride override = JSON.readValue(set.value(), TenantControlOverride.class);
            assertThat(override.mode()).isEqualTo("dry-run");
            assertThat(override.pausedThrough()).isNull();
            assertThat(override.setBy()).isEqualTo(MonitorTestKit.OPERATOR);
            assertThat(override.reason()).isEqualTo("first report not reviewed");
            AuditEntry setMode = JSON.readValue(
                    KafkaTestUtils.getSingleRecord(audit, Topics.AUDIT, Duration.ofSeconds(10))
                            .value(),
                    AuditEntry.class);
            assertThat(setMode.action()).isEqualTo("SET_MODE");
            assertThat(setMode.tenantId()).isEqualTo("oak");
            assertThat(setMode.note()).isEqualTo("first report not reviewed");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> get("/console/tenants/oak", operator()).body().contains("dry run"));

            var back = post("/api/tenants/oak/mode?mode=registry&reason=reviewed", operator());
            assertThat(back.statusCode()).as(back.body()).isEqualTo(202);
            assertThat(back.body()).contains("\"cleared\":true");
            ConsumerRecord<String, String> cleared = await().atMost(Duration.ofSeconds(10))
                    .until(() -> lastOf(overrides, "oak"), found -> found != null && found.value() == null);
            assertThat(cleared.key()).isEqualTo("oak");
        }
    }

    @Test
    void anOperatorPausesThroughADayAndResumes() throws Exception {
        LocalDate through = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        try (Consumer<String, String> overrides = consumerOf(Topics.TENANT_OVERRIDES);
                Consumer<String, String> audit = consumerOf(Topics.AUDIT)) {
            var paused = post("/api/tenants/oak/pause?through=" + through + "&reason=rollover", operator());
            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(202);

            ConsumerRecord<String, String> set = await().atMost(Duration.ofSeconds(10))
                    .until(() -> lastOf(overrides, "oak"), found -> found != null && found.value() != null);
            TenantControlOverride override = JSON.readValue(set.value(), TenantControlOverride.class);
            assertThat(override.mode()).isNull();
            assertThat(override.pausedThrough()).isEqualTo(through);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> get("/console/tenants/oak", operator()).body().contains("paused until"));

            var resumed = post("/api/tenants/oak/pause?resume&reason=rollover%20done", operator());
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lastOf(overrides, "oak"), found -> found != null && found.value() == null);

            List<String> actions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                KafkaTestUtils.getRecords(audit, Duration.ofMillis(300))
                        .records(Topics.AUDIT)
                        .forEach(r -> actions.add(
                                JSON.readValue(r.value(), AuditEntry.class).action()));
                return actions.size() >= 2;
            });
            assertThat(actions).containsExactly("PAUSE", "RESUME");
        }
    }

    @Test
    void badOrMissingFieldsAreBadRequestsNamingTheField() {
        assertThat(post("/api/tenants/oak/mode?mode=live", operator()).body()).contains("reason is required");
        assertThat(post("/api/tenants/oak/mode?mode=live", operator()).statusCode())
                .isEqualTo(400);
        var noMode = post("/api/tenants/oak/mode?reason=x", operator());
        assertThat(noMode.statusCode()).isEqualTo(400);
        assertThat(noMode.body()).contains("mode is required");
        var badMode = post("/api/tenants/oak/mode?mode=shadow&reason=x", operator());
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(badMode.body()).contains("mode must be live, dry-run or registry");
        var noDate = post("/api/tenants/oak/pause?reason=x", operator());
        assertThat(noDate.statusCode()).isEqualTo(400);
        assertThat(noDate.body()).contains("through is required");
        var badDate = post("/api/tenants/oak/pause?through=24.12.2026&reason=x", operator());
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("through must be a date as YYYY-MM-DD");
        var past = post("/api/tenants/oak/pause?through=2020-01-01&reason=x", operator());
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("through 2020-01-01 has passed");
    }

    @Test
    void anUnknownTenantIsNotFound() {
        assertThat(post("/api/tenants/nope/mode?mode=live&reason=x", operator()).statusCode())
                .isEqualTo(404);
        assertThat(post("/api/tenants/nope/pause?resume&reason=x", operator()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aViewerMayNeitherSwitchModesNorPause() {
        String viewer = basic(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD);
        assertThat(post("/api/tenants/oak/mode?mode=live&reason=x", viewer).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/tenants/oak/pause?resume&reason=x", viewer).statusCode())
                .isEqualTo(403);
    }

    private static String operator() {
        return basic(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
    }

    private static ConsumerRecord<String, String> lastOf(Consumer<String, String> consumer, String key) {
        ConsumerRecord<String, String> last = null;
        for (ConsumerRecord<String, String> record :
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).records(Topics.TENANT_OVERRIDES)) {
            if (key.equals(record.key())) {
                last = record;
            }
        }
        return last;
    }
}
