package com.rostersync.monitor.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Who reaches which console page and API route, logged in how. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSecurityTest extends MonitorServiceTest {

    @Test
    void anAnonymousVisitorOfTheConsoleIsSentToTheLoginPage() {
        ConsoleSession anonymous = new ConsoleSession(port);
        for (String page : new String[] {"/console", "/console/tenants/oak", "/console/holds/oak/OHS"}) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .as(page)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login"));
        }
        HttpResponse<String> login = anonymous.get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"_csrf\"", "name=\"username\"", "name=\"password\"");
    }

    @Test
    void anAnonymousApiCallIsAnsweredWithAChallengeNotARedirect() {
        HttpResponse<String> response = get("/api/holds", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("Basic realm=", "Bearer realm="));
    }

    @Test
    void anOperatorLogsInWithTheFormAndReadsTheConsoleAndTheApiWithThatSession() {
        ConsoleSession operator = new ConsoleSession(port);
        HttpResponse<String> login = operator.logIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console"));

        HttpResponse<String> platform = operator.get("/console");
        assertThat(platform.statusCode()).isEqualTo(200);
        assertThat(platform.body()).contains("<h1>Platform</h1>", "maple", "Oak Valley Schools", "ops-anna (operator)");
        assertThat(operator.get("/api/holds").statusCode())
                .as("a console session may read the API (the change report link)")
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginPageAndOpensNoSession(CapturedOutput output) {
        ConsoleSession stranger = new ConsoleSession(port);
        HttpResponse<String> login = stranger.logIn(MonitorTestKit.OPERATOR, "not-the-password-at-all");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login?error"));
        assertThat(stranger.get("/console").statusCode()).isEqualTo(302);
        assertThat(stranger.get("/console/login?error").body()).contains("Wrong user name or password");

        assertThat(get("/api/holds", basic(MonitorTestKit.VIEWER, "wrong-password"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/api/holds", "Bearer not-a-token-of-anyone").statusCode())
                .isEqualTo(401);
        assertThat(output.getAll())
                .as("no password or token in the log")
                .doesNotContain("not-the-password-at-all", "not-a-token-of-anyone", MonitorTestKit.API_TOKEN);
    }

    @Test
    void aLoginFormWithoutItsCsrfTokenIsRefused() {
        ConsoleSession forged = new ConsoleSession(port);
        HttpResponse<String> login = forged.post(
                "/console/login", Map.of("username", MonitorTestKit.OPERATOR, "password", MonitorTestKit.API_TOKEN));
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(forged.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void aConsoleSessionCannotPostToTheApiWithoutACsrfToken() {
        ConsoleSession operator = new ConsoleSession(port);
        operator.logIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        assertThat(operator.post("/api/holds/oak/OHS/approve", Map.of()).statusCode())
                .as("a cross-site form riding on the session cookie")
                .isEqualTo(403);
        assertThat(operator.post("/api/holds/oak/OHS/discard", Map.of("reason", "forged"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aViewerReadsTheConsoleAndTheApiButIsRefusedEveryAction() {
        ConsoleSession viewer = new ConsoleSession(port);
        viewer.logIn(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD);
        HttpResponse<String> platform = viewer.get("/console");
        assertThat(platform.statusCode()).isEqualTo(200);
        assertThat(platform.body()).contains("viewer-ben (viewer)");
        assertThat(viewer.get("/console/tenants/maple").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = viewer.get("/console/holds/oak/OHS/approve");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("need the operator role", "Back to the console");
        assertThat(viewer.get("/console/holds/oak/OHS/discard").statusCode()).isEqualTo(403);
        assertThat(viewer.postForm("/console", "/console/holds/oak/OHS/approve", Map.of("held", "1"))
                        .statusCode())
                .as("a forged approval, even with the session's CSRF token")
                .isEqualTo(403);

        String viewerBasic = basic(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD);
        assertThat(get("/api/holds", viewerBasic).statusCode()).isEqualTo(200);
        assertThat(get("/api/incidents", "Bearer " + MonitorTestKit.VIEWER_PASSWORD)
                        .statusCode())
                .as("the viewer's password as a bearer token")
                .isEqualTo(200);
        assertThat(post("/api/holds/oak/OHS/approve", viewerBasic).statusCode()).isEqualTo(403);
        assertThat(post("/api/holds/oak/OHS/approve", "Bearer " + MonitorTestKit.VIEWER_PASSWORD)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theOperatorReachesTheApiWithBasicAuthOrABearerToken() {
        assertThat(get("/api/holds", basic(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/api/holds", bearer()).statusCode()).isEqualTo(200);
        assertThat(post("/api/holds/oak/NOPE/approve", bearer()).statusCode())
                .as("through to the controller: nothing held there")
                .isEqualTo(404);
        assertThat(get("/api/holds", bearer()).headers().firstValue("Set-Cookie"))
                .as("the API keeps no session for a program")
                .isEmpty();
    }

    @Test
    void healthAndTheScrapeStayOpen() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isNotIn(401, 403, 302);
        assertThat(scrape()).as("open without credentials").contains("jvm_memory_used_bytes");
    }

    @Test
    void loggingOutEndsTheSession() {
        ConsoleSession operator = new ConsoleSession(port);
        operator.logIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        HttpResponse<String> logout = operator.postForm("/console", "/console/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(operator.get("/console").statusCode()).isEqualTo(302);
    }
}
