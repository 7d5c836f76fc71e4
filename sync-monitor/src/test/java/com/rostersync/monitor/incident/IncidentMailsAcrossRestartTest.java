package com.rostersync.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.rostersync.events.Topics;
import com.rostersync.monitor.SyncMonitorApplication;
import com.rostersync.monitor.support.MonitorTestKit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Incident mails with real GreenMail and a real broker: exactly one e-mail per opened incident, one per
 * resolution, and none repeated when the monitor restarts over the same broker (state rebuilt from the compacted
 * incident topic before consuming).
 */
@EmbeddedKafka(partitions = 1, topics = Topics.OUTCOMES)
class IncidentMailsAcrossRestartTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = MonitorTestKit.greenMail();

    private final Path tenants = MonitorTestKit.tenantsFile();

    @Test
    void mailsOncePerOpeningAndResolutionAndNothingAgainAfterARestart(EmbeddedKafkaBroker broker) throws Exception {
        String kafka = broker.getBrokersAsString();

        try (ConfigurableApplicationContext first = start(kafka)) {
            MonitorTestKit.send(kafka, Outcomes.thresholdHeld("maple", "MHS"));
            List<MimeMessage> opened = awaitMails(1);
            assertThat(opened.get(0).getSubject())
                    .startsWith("[Roster sync] Action needed: Deletions held")
                    .contains("school MHS", "Maple Unified");
            assertThat(opened.get(0).getAllRecipients())
                    .extracting(Object::toString)
                    .containsExactly("lead@maple.example.org");

            MonitorTestKit.send(kafka, Outcomes.snapshotReady("maple", "MHS"));
            assertThat(awaitMails(2).get(1).getSubject()).startsWith("[Roster sync] Resolved: Deletions held");

            MonitorTestKit.send(
                    kafka,
                    Outcomes.extract(
                            "maple", com.rostersync.events.outcome.OutcomeReason.CYCLE_COMPLETED, List.of("MXX")));
            assertThat(awaitMails(3).get(2).getSubject()).contains("Schools to sync are not found");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            first.getBean(IncidentDesk.class).openIncidents().size() == 1);
        }

        try (ConfigurableApplicationContext second = start(kafka)) {
            IncidentDesk desk = second.getBean(IncidentDesk.class);
            // The state is read back when the consumer is given the district's partition, before its first outcome.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(desk.openIncidents())
                    .extracting(Incident::id)
                    .containsExactly("EXTRACT/maple/SCHOOLS_NOT_FOUND"));

            MonitorTestKit.send(
                    kafka,
                    Outcomes.extract(
                            "maple", com.rostersync.events.outcome.OutcomeReason.CYCLE_COMPLETED, List.of("MXX")));
            await().atMost(Duration.ofSeconds(20)).until(() -> consumed(second) >= 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> greenMail.getReceivedMessages().length == 3);

            MonitorTestKit.send(
                    kafka,
                    Outcomes.extract("maple", com.rostersync.events.outcome.OutcomeReason.CYCLE_COMPLETED, List.of()));
            List<MimeMessage> all = awaitMails(4);
            assertThat(all.get(3).getSubject()).startsWith("[Roster sync] Resolved: Schools to sync are not found");
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> greenMail.getReceivedMessages().length == 4);
            assertThat(desk.openIncidents()).isEmpty();
        }
    }

    private ConfigurableApplicationContext start(String kafka) {
        return SyncMonitorApplication.builder()
                .run(MonitorTestKit.arguments(
                        MonitorTestKit.properties(kafka, greenMail.getSmtp().getPort(), tenants), "server.port=0"));
    }

    private static double consumed(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("rostersync.outcomes").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static List<MimeMessage> awaitMails(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> greenMail.getReceivedMessages().length >= count);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(count);
        return Arrays.asList(received);
    }
}
