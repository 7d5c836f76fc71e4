package com.rostersync.monitor.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.EntityType;
import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/** An operator reviews a hold in the console and approves or discards it there, each behind a confirmation page. */
class ConsoleHoldReviewTest extends MonitorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> HELD_IDS =
            IntStream.rangeClosed(1, 20).mapToObj(i -> "stu-" + i).toList();

    @Test
    void theHoldPageShowsTheCountTheFirstHeldIdsPerTypeAndTheOperatorsActions() {
        sendHold("oak", "OHS-C1");
        ConsoleSession operator = loggedIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);

        HttpResponse<String> platform = operator.get("/console");
        assertThat(platform.body()).contains("/console/holds/oak/OHS-C1", "THRESHOLD");

        String page = operator.get("/console/holds/oak/OHS-C1").body();
        assertThat(page)
                .contains("<strong>37</strong> changes held", "students", "ARCHIVED", "stu-1, stu-2", "stu-20")
                .contains("id=\"approve\"", "id=\"discard\"");
        assertThat(page).doesNotContain("stu-21");
    }

    @Test
    void aViewerSeesTheHoldButNoActions() {
        sendHold("oak", "OHS-C2");
        ConsoleSession viewer = loggedIn(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD);
        String page = viewer.get("/console/holds/oak/OHS-C2").body();
        assertThat(page).contains("<strong>37</strong> changes held", "Only an operator can approve or discard");
        assertThat(page).doesNotContain("id=\"approve\"", "id=\"discard\"");
    }

    @Test
    void anIdChurnHoldListsItsIdPairs() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.idChurn("maple", "MHS-C3", 3));
        ConsoleSession operator = loggedIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> operator.get("/console/holds/maple/MHS-C3").body().contains("Re-keyed records"));
        assertThat(operator.get("/console/holds/maple/MHS-C3").body())
                .contains("ID_CHURN", "NEW-P1", "NEW-P3", "username");
    }

    @Test
    void approvingAfterTheConfirmationSendsTheApprovalOfTheCountShownAsTheLoggedInOperator() throws Exception {
        sendHold("oak", "OHS-C4");
        ConsoleSession operator = loggedIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        String confirm = operator.get("/console/holds/oak/OHS-C4/approve").body();
        assertThat(confirm).contains("Yes, approve <span>37</span> changes", "name=\"_csrf\"");

        try (Consumer<String, String> commands = consumerOf(Topics.COMMANDS);
                Consumer<String, String> audit = consumerOf(Topics.AUDIT)) {
            HttpResponse<String> approved = operator.postForm(
                    "/console/holds/oak/OHS-C4/approve", "/console/holds/oak/OHS-C4/approve", Map.of("held", "37"));
            assertThat(approved.statusCode()).isEqualTo(302);
            assertThat(approved.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/console/holds/oak/OHS-C4"));
            assertThat(operator.get("/console/holds/oak/OHS-C4").body())
                    .contains("Approved by " + MonitorTestKit.OPERATOR);

            ConsumerRecord<String, String> command =
                    KafkaTestUtils.getSingleRecord(commands, Topics.COMMANDS, Duration.ofSeconds(10));
            ApproveHold approve = JSON.readValue(command.value(), ApproveHold.class);
            assertThat(command.key()).isEqualTo("oak/OHS-C4");
            assertThat(approve.approvedBy()).isEqualTo(MonitorTestKit.OPERATOR);
            assertThat(approve.deletions()).isEqualTo(37L);
            AuditEntry entry = JSON.readValue(
                    KafkaTestUtils.getSingleRecord(audit, Topics.AUDIT, Duration.ofSeconds(10))
                            .value(),
                    AuditEntry.class);
            assertThat(entry.action()).isEqualTo("APPROVE_HOLD");
            assertThat(entry.actor()).isEqualTo(MonitorTestKit.OPERATOR);
        }
    }

    @Test
    void discardingAsksForAReasonAndSendsItWithTheCommand() throws Exception {
        sendHold("oak", "OHS-C5");
        ConsoleSession operator = loggedIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        String page = "/console/holds/oak/OHS-C5/discard";
        assertThat(operator.get(page).body()).contains("name=\"reason\"", "Discard the held changes");

        try (Consumer<String, String> commands = consumerOf(Topics.COMMANDS)) {
            HttpResponse<String> noReason = operator.postForm(page, page, Map.of("reason", " "));
            assertThat(noReason.statusCode()).isEqualTo(400);
            assertThat(noReason.body()).contains("A reason is required");

            HttpResponse<String> discarded =
                    operator.postForm(page, page, Map.of("reason", "Export <b>truncated</b> by the SIS"));
            assertThat(discarded.statusCode()).isEqualTo(302);
            assertThat(operator.get("/console/holds/oak/OHS-C5").body()).contains("Discarded by ");

            ConsumerRecord<String, String> command =
                    KafkaTestUtils.getSingleRecord(commands, Topics.COMMANDS, Duration.ofSeconds(10));
            DiscardHold discard = JSON.readValue(command.value(), DiscardHold.class);
            assertThat(command.key()).isEqualTo("oak/OHS-C5");
            assertThat(discard.reason()).isEqualTo("Export <b>truncated</b> by the SIS");
            assertThat(discard.discardedBy()).isEqualTo(MonitorTestKit.OPERATOR);
        }
    }

    @Test
    void aDecisionOnASchoolWithNothingHeldIsNotFound() {
        ConsoleSession operator = loggedIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        assertThat(operator.get("/console/holds/oak/NONE/approve").statusCode()).isEqualTo(404);
        assertThat(operator.get("/console/holds/oak/NONE").body()).contains("Nothing is held for this school now");
    }

    @Test
    void theTenantPageShowsItsSchoolsDestinationsAndUploadsAndAnUnknownRunIsNotFound() {
        ConsoleSession viewer = loggedIn(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD);
        HttpResponse<String> tenant = viewer.get("/console/tenants/maple");
        assertThat(tenant.statusCode()).isEqualTo(200);
        assertThat(tenant.body())
                .contains("Maple Unified", "MHS", "MMS", "clever-maple", "maple-clever@127.0.0.1")
                .contains("<strong id=\"uploads\">live</strong>");
        assertThat(viewer.get("/console").body()).contains("<td>live</td>");
        assertThat(viewer.get("/console/runs/some-run").statusCode()).isEqualTo(404);
        assertThat(viewer.get("/console/tenants/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void valuesAreEscapedOnThePage() {
        MonitorTestKit.send(
                broker.getBrokersAsString(),
                Outcomes.map(
                        "oak",
                        "<script>alert(1)</script>",
                        OutcomeReason.SNAPSHOT_READY,
                        List.of(breach(List.of("<img src=x>"))),
                        List.of()));
        ConsoleSession operator = loggedIn(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> operator.get("/console").body().contains("alert(1)"));
        assertThat(operator.get("/console").body())
                .doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    private void sendHold(String tenant, String school) {
        MonitorTestKit.send(
                broker.getBrokersAsString(),
                Outcomes.map(tenant, school, OutcomeReason.SNAPSHOT_READY, List.of(breach(HELD_IDS)), List.of()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/holds", bearer()).body().contains("\"" + school + "\""));
    }

    private static ThresholdBreach breach(List<String> sample) {
        return new ThresholdBreach(
                EntityType.PERSON, 37, 300, 30, 12.3, 10.0, "students", true, ChangeAction.ARCHIVED, sample);
    }

    private ConsoleSession loggedIn(String user, String password) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.logIn(user, password).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console"));
        return session;
    }
}
