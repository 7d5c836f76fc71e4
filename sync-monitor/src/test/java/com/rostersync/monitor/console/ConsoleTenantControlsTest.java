package com.rostersync.monitor.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tenant page's mode and pause actions, with their confirmation step, as an operator and a viewer use them. */
class ConsoleTenantControlsTest extends MonitorServiceTest {

    @Test
    void anOperatorSwitchesTheModeAfterConfirmingAndTheTenantPageShowsWhoAndWhy() {
        ConsoleSession operator = new ConsoleSession(port);
        operator.logIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        assertThat(operator.get("/console/tenants/oak").body()).contains("id=\"back-to-dry-run\"", "Pause through");

        HttpResponse<String> confirm = operator.get("/console/tenants/oak/mode?to=dry-run");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Back to a dry run for tenant", "name=\"_csrf\"");

        HttpResponse<String> done = operator.postForm(
                "/console/tenants/oak/mode?to=dry-run",
                "/console/tenants/oak/mode",
                Map.of("mode", "dry-run", "reason", "roster looks short"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        operator.get("/console/tenants/oak").body())
                .contains(
                        "dry run: nothing is uploaded", "mode dry-run", MonitorTestKit.OPERATOR, "roster looks short"));

        operator.postForm(
                "/console/tenants/oak/mode?to=registry",
                "/console/tenants/oak/mode",
                Map.of("mode", "registry", "reason", "checked"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(operator.get("/console/tenants/oak").body()).contains("No operator override."));
    }

    @Test
    void anOperatorPausesThroughADayAndResumes() {
        ConsoleSession operator = new ConsoleSession(port);
        operator.logIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        LocalDate through = LocalDate.now(ZoneOffset.UTC).plusDays(2);

        HttpResponse<String> paused = operator.postForm(
                "/console/tenants/oak/pause?to=pause",
                "/console/tenants/oak/pause",
                Map.of("through", through.toString(), "reason", "rollover"));
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        operator.get("/console/tenants/oak").body())
                .contains("paused until", "paused through " + through, "id=\"resume\""));

        operator.postForm(
                "/console/tenants/oak/pause?to=resume",
                "/console/tenants/oak/pause",
                Map.of("resume", "true", "reason", "rollover done"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        operator.get("/console/tenants/oak").body())
                .contains("No operator override.")
                .doesNotContain("paused until"));
    }

    @Test
    void aConfirmationWithoutAReasonComesBackNamingTheField() {
        ConsoleSession operator = new ConsoleSession(port);
        operator.logIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);

        HttpResponse<String> missing = operator.postForm(
                "/console/tenants/oak/mode?to=live", "/console/tenants/oak/mode", Map.of("mode", "live"));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("id=\"problem\"", "reason is required");
    }

    @Test
    void aViewerSeesTheStatusButNoActionAndCannotReachThem() {
        ConsoleSession viewer = new ConsoleSession(port);
        viewer.logIn(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD);

        HttpResponse<String> page = viewer.get("/console/tenants/oak");
        assertThat(page.body()).contains("Registry mode:").doesNotContain("control-actions", "Pause through");
        assertThat(viewer.get("/console/tenants/oak/mode?to=live").statusCode()).isEqualTo(403);
        assertThat(viewer.postForm(
                                "/console/tenants/oak",
                                "/console/tenants/oak/mode",
                                Map.of("mode", "live", "reason", "mine"))
                        .statusCode())
                .isEqualTo(403);
    }
}
