package com.rostersync.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.Topics;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.monitor.support.MonitorServiceTest;
import com.rostersync.monitor.support.MonitorTestKit;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

class DiscardApiTest extends MonitorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void discardingSendsTheCommandKeyedBySchoolAndAnAuditEntryWithTheReason() throws Exception {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.hold("maple", "MMS", 80));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/holds", bearer()).body().contains("\"MMS\""));

        try (Consumer<String, String> commands = consumerOf(Topics.COMMANDS);
                Consumer<String, String> audit = consumerOf(Topics.AUDIT)) {
            var response = post(
                    "/api/holds/maple/MMS/discard?reason=Source%20export%20was%20half%20empty",
                    basic(MonitorTestKit.OPERATOR, MonitorTestKit.API_TOKEN));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(response.body()).contains("\"discardedBy\":\"" + MonitorTestKit.OPERATOR + "\"");

            ConsumerRecord<String, String> command = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> lastOf(commands, "maple/MMS", Topics.COMMANDS),
                            found -> found != null && found.value().contains("discardedBy"));
            DiscardHold discard = JSON.readValue(command.value(), DiscardHold.class);
            assertThat(discard.tenantId()).isEqualTo("maple");
            assertThat(discard.schoolId()).isEqualTo("MMS");
            assertThat(discard.discardedBy()).isEqualTo(MonitorTestKit.OPERATOR);
            assertThat(discard.reason()).isEqualTo("Source export was half empty");

            AuditEntry entry = JSON.readValue(
                    KafkaTestUtils.getSingleRecord(audit, Topics.AUDIT, Duration.ofSeconds(10))
                            .value(),
                    AuditEntry.class);
            assertThat(entry.action()).isEqualTo("DISCARD_HOLD");
            assertThat(entry.actor()).isEqualTo(MonitorTestKit.OPERATOR);
            assertThat(entry.note()).isEqualTo("Source export was half empty");
            assertThat(entry.commandId()).isEqualTo(discard.commandId());
        }
    }

    @Test
    void aDiscardWithoutAReasonIsABadRequestNamingTheField() {
        MonitorTestKit.send(broker.getBrokersAsString(), Outcomes.thresholdHeld("maple", "MHS"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/holds", bearer()).body().contains("\"MHS\""));

        var missing = post("/api/holds/maple/MHS/discard", bearer());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("reason is required");
        assertThat(post("/api/holds/maple/MHS/discard?reason=%20%20", bearer()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void discardingASchoolWithoutAHoldIsNotFound() {
        assertThat(post("/api/holds/oak/NOPE/discard?reason=typo", bearer()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aViewerMayNotDiscard() {
        assertThat(post(
                                "/api/holds/oak/OHS/discard?reason=mine",
                                basic(MonitorTestKit.VIEWER, MonitorTestKit.VIEWER_PASSWORD))
                        .statusCode())
                .isEqualTo(403);
    }

    private static ConsumerRecord<String, String> lastOf(Consumer<String, String> consumer, String key, String topic) {
        ConsumerRecord<String, String> last = null;
        for (ConsumerRecord<String, String> record :
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).records(topic)) {
            if (record.key().equals(key)) {
                last = record;
            }
        }
        return last;
    }
}
