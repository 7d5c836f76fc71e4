package com.rostersync.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.command.ApproveHold;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

class ApprovalApiTest extends MonitorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void refusesEveryApiCallWithoutAValidToken() {
        assertThat(get("/api/incidents", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/incidents", "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/api/holds", basic(MonitorTestKit.OPERATOR, "wrong")).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/holds/oak/OHS/approve", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/incidents", null).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("Basic"));
    }

    @Test
    void healthAndPrometheusAreOpenButNoOtherActuatorEndpoint() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(scrape()).as("open without credentials").contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/env", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env", bearer()).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/metrics", bearer()).statusCode()).isEqualTo(404);
        assertThat(get("/actuator", bearer()).body()).doesNotContain("\"env\"", "\"beans\"", "\"metrics\"");
    }

    @Test
    void approvingAHeldSchoolSendsTheCommandToTheMapperAndAnAuditEntry() throws Exception {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.thresholdHeld("oak", "OHS"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/holds", bearer()).body().contains("\"OHS\""));
        assertThat(get("/api/incidents", bearer()).body()).contains("MAP/oak/OHS/THRESHOLD", "\"toArchive\":120");
        assertThat(get("/api/holds/oak/OHS", basic(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN))
                        .body())
                .contains("POST /api/holds/oak/OHS/approve?deletions=120", "\"heldDeletions\":120");

        try (Consumer<String, String> commands = consumerOf(Topics.COMMANDS);
                Consumer<String, String> audit = consumerOf(Topics.AUDIT)) {
            var response = post("/api/holds/oak/OHS/approve", basic(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN));
            assertThat(response.statusCode()).isEqualTo(202);

            ConsumerRecord<String, String> command =
                    KafkaTestUtils.getSingleRecord(commands, Topics.COMMANDS, Duration.ofSeconds(10));
            ApproveHold approve = JSON.readValue(command.value(), ApproveHold.class);
            assertThat(command.key()).isEqualTo("oak/OHS");
            assertThat(approve.tenantId()).isEqualTo("oak");
            assertThat(approve.schoolId()).isEqualTo("OHS");
            assertThat(approve.approvedBy()).isEqualTo(MonitorTestKit.OPERATOR);
            assertThat(approve.deletions())
                    .as("the approval covers what the hold showed, no more")
                    .isEqualTo(120L);
            assertThat(command.headers().lastHeader("__TypeId__")).isNull();

            AuditEntry entry = JSON.readValue(
                    KafkaTestUtils.getSingleRecord(audit, Topics.AUDIT, Duration.ofSeconds(10))
                            .value(),
                    AuditEntry.class);
            assertThat(entry.actor()).isEqualTo(MonitorTestKit.OPERATOR);
            assertThat(entry.action()).isEqualTo("APPROVE_HOLD");
            assertThat(entry.schoolId()).isEqualTo("OHS");
            assertThat(entry.commandId()).isEqualTo(approve.commandId());
            assertThat(entry.at()).isNotNull();
        }
    }

    @Test
    void anIdChurnHoldIsListedWithItsIdChangesAndApprovedForEveryArchiveItHolds() throws Exception {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.idChurn("maple", "MHS", 77));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/holds", bearer()).body().contains("\"MHS\""));
        assertThat(get("/api/incidents", bearer()).body())
                .contains("MAP/maple/MHS/ID_CHURN", "\"idChangeCount\":77", "\"newSourcedId\":\"NEW-P1\"");
        assertThat(get("/api/holds/maple/MHS", bearer()).body())
                .contains(
                        "\"reasons\":[\"ID_CHURN\"]",
                        "\"heldDeletions\":497",
                        "\"idChangeCount\":77",
                        "approve?deletions=497");

        try (Consumer<String, String> commands = consumerOf(Topics.COMMANDS)) {
            assertThat(post("/api/holds/maple/MHS/approve?deletions=400", bearer())
                            .statusCode())
                    .isEqualTo(202);
            assertThat(post("/api/holds/maple/MHS/approve", bearer()).statusCode())
                    .isEqualTo(202);

            List<Long> approved = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, String> record : KafkaTestUtils.getRecords(commands, Duration.ofMillis(200))
                        .records(Topics.COMMANDS)) {
                    if (record.key().equals("maple/MHS")) {
                        approved.add(JSON.readValue(record.value(), ApproveHold.class)
                                .deletions());
                    }
                }
                return approved.size() >= 2;
            });
            assertThat(approved)
                    .as("an explicit count is kept; the default is every archive the churn hold shows")
                    .containsExactly(400L, 497L);
        }
    }

    @Test
    void anUpdateHoldIsApprovedForEveryUpdateItHolds() throws Exception {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.updatesHeld("oak", "OUS"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/holds", bearer()).body().contains("\"OUS\""));
        assertThat(get("/api/holds/oak/OUS", bearer()).body())
                .contains("\"reasons\":[\"UPDATE_THRESHOLD\"]", "approve?deletions=80", "\"heldSample\":[\"stu-1\"");

        try (Consumer<String, String> commands = consumerOf(Topics.COMMANDS)) {
            assertThat(post("/api/holds/oak/OUS/approve", bearer()).statusCode())
                    .isEqualTo(202);
            List<Long> approved = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, String> record : KafkaTestUtils.getRecords(commands, Duration.ofMillis(200))
                        .records(Topics.COMMANDS)) {
                    if (record.key().equals("oak/OUS")) {
                        approved.add(JSON.readValue(record.value(), ApproveHold.class)
                                .deletions());
                    }
                }
                return !approved.isEmpty();
            });
            assertThat(approved).as("the count guard counts the held updates").containsExactly(80L);
        }
    }

    @Test
    void approvingASchoolWithoutAHoldIsNotFound() {
        assertThat(post("/api/holds/oak/NOPE/approve", bearer()).statusCode()).isEqualTo(404);
    }
}
