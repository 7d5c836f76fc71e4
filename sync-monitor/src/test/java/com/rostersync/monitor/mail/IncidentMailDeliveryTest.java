package com.rostersync.monitor.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.rostersync.events.Topics;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.monitor.SyncMonitorApplication;
import com.rostersync.monitor.incident.Outcomes;
import com.rostersync.monitor.support.MonitorTestKit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Incident mail delivery with a real broker and a real SMTP server: a district added to the registry gets its first
 * incident mailed once, whether the monitor's own registry poll has seen it yet or not; a mail with no one to send it
 * to is retried and counted, not marked announced; a second, different hold within a day of the first is mailed; a
 * credentials mail names the login. The monitor's registry poll is set to an hour, so only the reload the mailer does
 * itself can find a new district.
 */
@EmbeddedKafka(partitions = 1, topics = Topics.OUTCOMES)
class IncidentMailDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = MonitorTestKit.greenMail();

    private static final Path TENANTS = MonitorTestKit.tenantsFile();
    private static ConfigurableApplicationContext monitor;
    private static String kafka;

    @BeforeAll
    static void startMonitor() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        kafka = broker.getBrokersAsString();
        Map<String, Object> properties = new LinkedHashMap<>(
                MonitorTestKit.properties(kafka, greenMail.getSmtp().getPort(), TENANTS));
        properties.put("rostersync.tenants.poll-interval", "1h");
        properties.put("rostersync.monitor.mail-retry.initial", "200ms");
        properties.put("rostersync.monitor.mail-retry.max", "1s");
        monitor = SyncMonitorApplication.builder().run(MonitorTestKit.arguments(properties, "server.port=0"));
    }

    @AfterAll
    static void stopMonitor() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void aDistrictAddedWithABrokenDestinationGetsItsFirstIncidentMailedOnceWithTheLoginAndNoSecret() throws Exception {
        addTenant("pine", "lead@pine.example.org");
        var refused = Outcomes.publish(
                "pine",
                "clever-pine",
                OutcomeReason.DESTINATION_CREDENTIALS,
                Outcomes.T0,
                List.of(),
                "destination clever-pine (SFTP login pine-clever@127.0.0.1:2222): authentication rejected"
                        + " (SshException No more authentication methods available)");

        MonitorTestKit.send(kafka, refused);
        MimeMessage mail = awaitMailsTo("lead@pine.example.org", 1).get(0);
        MonitorTestKit.send(kafka, refused, refused);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo("lead@pine.example.org").size() == 1);

        assertThat(mail.getSubject())
                .isEqualTo("[Roster sync] Action needed: Wrong credentials for the SFTP destination "
                        + "(destination clever-pine, Pine District)");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        assertThat(body).contains("Login refused: pine-clever@127.0.0.1:2222");
        assertThat(body).doesNotContain("PINE_CLEVER_PASSWORD", "passwordRef");
        assertThat(counter("opened", "sent")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anIncidentOfADistrictNotInTheRegistryIsNotAnnouncedButRetriedAndMailedOnceItIsAdded() throws Exception {
        MonitorTestKit.send(kafka, Outcomes.extract("cedar", OutcomeReason.SOURCE_UNAVAILABLE, List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> counter("opened", "no_recipient") >= 2);
        assertThat(gauge()).isGreaterThanOrEqualTo(1);
        assertThat(mailsTo("lead@cedar.example.org")).isEmpty();

        addTenant("cedar", "lead@cedar.example.org");

        assertThat(awaitMailsTo("lead@cedar.example.org", 1).get(0).getSubject())
                .contains("The student information system could not be reached", "Cedar District");
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge() == 0);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo("lead@cedar.example.org").size() == 1);
    }

    @Test
    void aSecondDifferentHoldWithinADayOfAnApprovedOneIsMailedButItsRepeatIsNot() throws Exception {
        MonitorTestKit.send(kafka, Outcomes.hold("oak", "OHS", 51));
        awaitMailsTo("principal@oak.example.org", 1);
        MonitorTestKit.send(kafka, Outcomes.snapshotReady("oak", "OHS"));
        awaitMailsTo("principal@oak.example.org", 2);

        MonitorTestKit.send(kafka, Outcomes.hold("oak", "OHS", 61));
        List<MimeMessage> mails = awaitMailsTo("principal@oak.example.org", 3);
        MonitorTestKit.send(kafka, Outcomes.hold("oak", "OHS", 61));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo("principal@oak.example.org").size() == 3);

        assertThat(mails.get(1).getSubject()).startsWith("[Roster sync] Resolved: Deletions held");
        assertThat(mails.get(2).getSubject()).startsWith("[Roster sync] Action needed: Deletions held");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mails.get(2)))
                .contains("61 students of 501 to archive (over the 50 allowed at 10%): held.");
    }

    @Test
    void metricsForMailResultsAndUnannouncedIncidentsExistFromTheStart() {
        MeterRegistry meters = monitor.getBean(MeterRegistry.class);
        for (String kind : List.of("opened", "reminder", "resolved")) {
            for (String result : List.of("sent", "failed", "no_recipient")) {
                assertThat(meters.find("rostersync.monitor.mails")
                                .tag("kind", kind)
                                .tag("result", result)
                                .counter())
                        .as(kind + "/" + result)
                        .isNotNull();
            }
        }
        assertThat(meters.find("rostersync.monitor.incidents.unannounced").gauge())
                .isNotNull();
    }

    private static void addTenant(String id, String leader) {
        String name = Character.toUpperCase(id.charAt(0)) + id.substring(1) + " District";
        String tenant =
                """
                  - id: %s
                    name: %s
                    schoolIds: [%sHS]
                    source:
                      type: CSV_DROP
                      csvDrop:
                        folder: /data/drops/%s
                    destinations:
                      - id: clever-%s
                        host: 127.0.0.1
                        port: 2222
                        username: %s-clever
                        passwordRef: %s_CLEVER_PASSWORD
                        knownHosts: "[127.0.0.1]:2222 ecdsa-sha2-nistp256 AAAA"
                    leaders: [%s]
                """
                        .formatted(id, name, id.toUpperCase(), id, id, id, id.toUpperCase(), leader);
        try {
            synchronized (TENANTS) {
                Files.writeString(TENANTS, tenant, StandardOpenOption.APPEND);
            }
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    private static double counter(String kind, String result) {
        var counter = monitor.getBean(MeterRegistry.class)
                .find("rostersync.monitor.mails")
                .tag("kind", kind)
                .tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double gauge() {
        return monitor.getBean(MeterRegistry.class)
                .get("rostersync.monitor.incidents.unannounced")
                .gauge()
                .value();
    }

    private static List<MimeMessage> awaitMailsTo(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() >= count);
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(count);
        return mails;
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> {
                    try {
                        Address[] to = message.getAllRecipients();
                        return to != null
                                && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException unreadable) {
                        return false;
                    }
                })
                .toList();
    }
}
