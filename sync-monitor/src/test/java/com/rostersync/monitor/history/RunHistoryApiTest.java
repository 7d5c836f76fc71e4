package com.rostersync.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rostersync.events.EntityType;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.ChangeRow;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.events.run.UploadedFile;
import com.rostersync.monitor.support.MonitorServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The history API of a running monitor, over runs and change reports sent to the embedded broker as stages do. */
class RunHistoryApiTest extends MonitorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-12-02T04:15:00Z");

    @Test
    void listsATenantsRunsNewestFirstWithUnitTimesCountsAndReason() throws Exception {
        String tenant = "hist-" + UUID.randomUUID();
        TenantCycleRef cycle = new TenantCycleRef("c-1", T0, List.of("MMS"));
        RunRecorded extract = run(tenant, Stage.EXTRACT, null, null, cycle, 0, OutcomeReason.CYCLE_COMPLETED);
        RunRecorded map = run(tenant, Stage.MAP, "MMS", null, cycle, 1, OutcomeReason.SNAPSHOT_READY);
        RunRecorded publish = new RunRecorded(
                "publish-" + UUID.randomUUID(),
                Stage.PUBLISH,
                tenant,
                null,
                "clever-maple",
                cycle,
                T0.plusSeconds(2),
                T0.plusSeconds(3),
                OutcomeReason.UPLOADED,
                RunCounts.NONE,
                List.of(new UploadedFile("users.csv", 120, "ab".repeat(32))),
                "uploaded 1 file");
        send(Topics.RUNS, tenant, publish, map, extract);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> JSON.readTree(get("/api/runs?tenant=" + tenant, bearer())
                                        .body())
                                .size()
                        == 3);
        JsonNode runs =
                JSON.readTree(get("/api/runs?tenant=" + tenant, bearer()).body());
        assertThat(runs.findValuesAsString("runId")).containsExactly(publish.runId(), map.runId(), extract.runId());
        JsonNode newest = runs.get(0);
        assertThat(newest.get("unit").asString()).isEqualTo("PUBLISH/" + tenant + "/clever-maple");
        assertThat(newest.get("reason").asString()).isEqualTo("UPLOADED");
        assertThat(newest.get("durationMillis").asLong()).isEqualTo(1000);
        assertThat(newest.get("files").get(0).get("sha256").asString()).isEqualTo("ab".repeat(32));
        assertThat(newest.get("startedAt").asString()).isEqualTo("2026-12-02T04:15:02Z");
        assertThat(runs.get(1).get("counts").get("updated").asLong()).isEqualTo(5);

        JsonNode filtered = JSON.readTree(get("/api/runs?tenant=" + tenant + "&school=MMS&limit=5", bearer())
                .body());
        assertThat(filtered.findValuesAsString("runId")).containsExactly(map.runId());
        JsonNode since = JSON.readTree(get("/api/runs?tenant=" + tenant + "&since=2026-12-02T04:15:01Z", bearer())
                .body());
        assertThat(since.findValuesAsString("runId")).containsExactly(publish.runId(), map.runId());
        assertThat(JSON.readTree(get("/api/runs/" + map.runId(), bearer()).body())
                        .get("tenantCycleId")
                        .asString())
                .isEqualTo("c-1");
    }

    @Test
    void servesAMapRunsReportSentInPartsAsOneCsv() throws Exception {
        String tenant = "csv-" + UUID.randomUUID();
        RunRecorded map = run(tenant, Stage.MAP, "MMS", null, null, 0, OutcomeReason.SNAPSHOT_READY);
        ChangeReport part1 = new ChangeReport(
                map.runId(),
                tenant,
                "MMS",
                List.of(new ChangeRow(
                        ChangeAction.UPDATED, EntityType.PERSON, "stu-1", List.of("familyName", "givenName"), null)),
                1,
                2);
        ChangeReport part2 = new ChangeReport(
                map.runId(),
                tenant,
                "MMS",
                List.of(new ChangeRow(ChangeAction.ARCHIVED, EntityType.PERSON, "stu-2", List.of(), null)),
                2,
                2);
        send(Topics.CHANGE_REPORTS, map.runId(), part1, part2);
        send(Topics.RUNS, tenant, map);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/runs/" + map.runId() + "/changes.csv", bearer())
                                .statusCode()
                        == 200);
        var csv = get("/api/runs/" + map.runId() + "/changes.csv", bearer());
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body())
                .isEqualTo("action,type,sourcedId,fields,rule\r\n"
                        + "UPDATED,PERSON,stu-1,familyName givenName,\r\n"
                        + "ARCHIVED,PERSON,stu-2,,\r\n");
        assertThat(JSON.readTree(get("/api/runs/" + map.runId(), bearer()).body())
                        .get("changes")
                        .asString())
                .isEqualTo("/api/runs/" + map.runId() + "/changes.csv");
    }

    @Test
    void answersNotFoundForAnUnknownRunOrARunWithoutReport() throws Exception {
        String tenant = "none-" + UUID.randomUUID();
        RunRecorded extract = run(tenant, Stage.EXTRACT, null, null, null, 0, OutcomeReason.CYCLE_COMPLETED);
        send(Topics.RUNS, tenant, extract);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/runs/" + extract.runId(), bearer()).statusCode() == 200);

        assertThat(get("/api/runs/" + extract.runId() + "/changes.csv", bearer())
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/runs/no-such-run", bearer()).statusCode()).isEqualTo(404);
        assertThat(get("/api/runs/no-such-run/changes.csv", bearer()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void badParametersAnswer400NamingTheParameter() throws Exception {
        for (Map.Entry<String, String> bad : Map.of(
                        "limit", "/api/runs?limit=lots",
                        "since", "/api/runs?since=yesterday",
                        "tenant", "/api/runs?tenant=")
                .entrySet()) {
            var response = get(bad.getValue(), bearer());
            assertThat(response.statusCode()).as(bad.getValue()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("parameter").asString())
                    .isEqualTo(bad.getKey());
        }
        assertThat(get("/api/runs?limit=0", bearer()).statusCode()).isEqualTo(400);
        assertThat(get("/api/runs", null).statusCode())
                .as("the history is behind the API's login")
                .isEqualTo(401);
    }

    @Test
    void skipsARunOfANewerSchemaMajorAndGoesOn() throws Exception {
        String tenant = "newer-" + UUID.randomUUID();
        RunRecorded current = run(tenant, Stage.EXTRACT, null, null, null, 1, OutcomeReason.CYCLE_COMPLETED);
        String newer = "{\"schemaVersion\":2,\"runId\":\"v2-" + tenant + "\",\"tenantId\":\"" + tenant
                + "\",\"stage\":\"EXTRACT\",\"finishedAt\":\"2026-12-02T04:15:05Z\"}";
        Logger logger = (Logger) LoggerFactory.getLogger(KafkaRunHistory.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            sendRaw(Topics.RUNS, tenant, newer);
            send(Topics.RUNS, tenant, current);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> get("/api/runs/" + current.runId(), bearer()).statusCode() == 200);
            assertThat(JSON.readTree(get("/api/runs?tenant=" + tenant, bearer()).body())
                            .findValuesAsString("runId"))
                    .containsExactly(current.runId());
            assertThat(lines.list)
                    .as("the skipped run is named by topic, partition and offset")
                    .anySatisfy(line -> assertThat(line.getFormattedMessage())
                            .contains("newer schema")
                            .containsPattern(java.util.regex.Pattern.quote(Topics.RUNS) + "-\\d+@\\d+"));
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static RunRecorded run(
            String tenant,
            Stage stage,
            String school,
            String destination,
            TenantCycleRef cycle,
            int second,
            OutcomeReason reason) {
        Instant finished = T0.plusSeconds(second);
        return new RunRecorded(
                stage.name().toLowerCase() + "-" + UUID.randomUUID(),
                stage,
                tenant,
                school,
                destination,
                cycle,
                finished.minusMillis(500),
                finished,
                reason,
                new RunCounts(2, 5, 0, 0, 1),
                List.of(),
                "test run");
    }

    private void send(String topic, String key, Object... values) {
        for (Object value : values) {
            sendRaw(topic, key, JSON.writeValueAsString(value));
        }
    }

    private void sendRaw(String topic, String key, String value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException("could not send to " + topic, failed);
        }
    }
}
