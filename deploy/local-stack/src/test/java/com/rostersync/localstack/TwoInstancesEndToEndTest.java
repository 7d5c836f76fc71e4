package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.SchoolLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two instances of every service on one broker: each service's consumer group splits the partitions between its two
 * instances; the second extractor, mapper and publisher are then stopped in the middle of the sync and the first ones
 * take their tenants, schools and destinations over. Every account ends up with exactly the files a single instance
 * uploads (the fixture school's golden files, {@link LocalPlatformEndToEndTest}), and with two monitors running each
 * incident is mailed once.
 */
class TwoInstancesEndToEndTest {

    private static final int GOOD_TENANTS = 4;
    private static final List<String> BROKEN = List.of("broken1", "broken2");
    private static final List<String> FILES = List.of(
            "manifest.csv",
            "orgs.csv",
            "academicSessions.csv",
            "courses.csv",
            "classes.csv",
            "users.csv",
            "enrollments.csv",
            "demographics.csv");
    /** The listener whose group assignment decides what each instance of a service does. */
    private static final Map<String, String> GROUP_LISTENERS = Map.of(
            LocalPlatform.EXTRACTOR, "roster-extractor-tenants",
            LocalPlatform.PUBLISHER, "sftp-publisher-destinations",
            LocalPlatform.MONITOR, "sync-monitor-outcomes");

    @TempDir
    static Path workdir;

    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        List<DemoTenant> tenants = new ArrayList<>();
        // Every tenant reads the same fixture school, so every account must get the same golden files.
        IntStream.rangeClosed(1, GOOD_TENANTS)
                .forEach(i -> tenants.add(new DemoTenant(
                        "district" + i,
                        "District " + i,
                        true,
                        List.of(new DemoSchool("FIX", "Fixture Academy", SchoolLevel.HIGH)),
                        List.of(new DemoDestination("district" + i + "-sftp", "clever" + i, List.of("FIX"))),
                        List.of("lead@district" + i + ".example.org"))));
        // A school the SIS lacks: each of these districts has one SCHOOLS_NOT_FOUND incident, mailed once.
        BROKEN.forEach(id -> tenants.add(new DemoTenant(
                id,
                id,
                true,
                List.of(
                        new DemoSchool("FIX", "Fixture Academy", SchoolLevel.HIGH),
                        new DemoSchool("GONE", "Closed School", SchoolLevel.HIGH)),
                List.of(new DemoDestination(id + "-sftp", id + "-clever", List.of("FIX"))),
                List.of("lead@" + id + ".example.org"))));
        platform = LocalPlatform.start(PlatformSettings.forTest(
                workdir,
                new DemoCatalog(tenants),
                sis -> sis.createFromScript(new ClassPathResource("e2e/fixture-school.sql")),
                Map.of()));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void twoInstancesSplitTheWorkSurviveLosingOneAndUploadWhatOneInstanceUploads() throws Exception {
        Map<String, ConfigurableApplicationContext> seconds = new LinkedHashMap<>();
        for (String service : LocalPlatform.SERVICES) {
            seconds.put(service, platform.startInstance(service));
        }
        for (String service : LocalPlatform.SERVICES) {
            await(service + " partitions split between its two instances")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !assigned(platform.context(service), service).isEmpty()
                            && !assigned(seconds.get(service), service).isEmpty());
        }

        // Mid-sync: the second extractor, mapper and publisher go away; the first ones take their work over.
        for (String service : List.of(LocalPlatform.EXTRACTOR, LocalPlatform.MAPPER, LocalPlatform.PUBLISHER)) {
            seconds.get(service).close();
        }
        for (String service : List.of(LocalPlatform.EXTRACTOR, LocalPlatform.MAPPER, LocalPlatform.PUBLISHER)) {
            await(service + " first instance owns every partition")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> assigned(platform.context(service), service).size() == 3);
        }

        for (int i = 1; i <= GOOD_TENANTS; i++) {
            Path files = platform.filesOf("clever" + i);
            await("clever" + i + " has the fixture school's files")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> FILES.stream().allMatch(f -> GoldenFiles.readOrEmpty(files.resolve(f))
                            .equals(GoldenFiles.expected(f))));
        }

        // The fixture school leaves a record out (one VALIDATION incident per district that syncs it); the broken
        // districts miss a school (one SCHOOLS_NOT_FOUND incident each). Both keep failing every second.
        int incidents = GOOD_TENANTS + BROKEN.size();
        await("one mail per incident")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ArchivedMails.in(platform.mailFolder()).size() >= incidents);
        // Both monitors keep running: still one mail per incident, none twice.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> ArchivedMails.in(platform.mailFolder()).size() == incidents);
        List<String> mails = ArchivedMails.in(platform.mailFolder()).stream()
                .map(mail -> mail.recipients().get(0) + ": "
                        + (mail.subject().contains("not found") ? "SCHOOLS_NOT_FOUND" : "VALIDATION"))
                .toList();
        assertThat(mails)
                .containsExactlyInAnyOrder(
                        "lead@district1.example.org: VALIDATION",
                        "lead@district2.example.org: VALIDATION",
                        "lead@district3.example.org: VALIDATION",
                        "lead@district4.example.org: VALIDATION",
                        "lead@broken1.example.org: SCHOOLS_NOT_FOUND",
                        "lead@broken2.example.org: SCHOOLS_NOT_FOUND");
        assertThat(ArchivedMails.in(platform.mailFolder()))
                .filteredOn(mail -> !mail.subject().contains("not found"))
                .allSatisfy(mail -> assertThat(mail.subject()).contains("left out"));
    }

    private static Collection<TopicPartition> assigned(ConfigurableApplicationContext context, String service) {
        if (!context.isActive()) {
            return List.of();
        }
        if (service.equals(LocalPlatform.MAPPER)) {
            return streamsAssigned(context);
        }
        MessageListenerContainer container =
                context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(GROUP_LISTENERS.get(service));
        Collection<TopicPartition> partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null
                ? List.of()
                : partitions.stream()
                        .filter(tp -> !tp.topic().equals("roster.commands.v1"))
                        .toList();
    }

    /** The mapper is a Kafka Streams application: its share is the change-topic partitions of its active tasks. */
    private static Collection<TopicPartition> streamsAssigned(ConfigurableApplicationContext context) {
        KafkaStreams streams = context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return List.of();
        }
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(tp -> tp.topic().equals("roster.changes.v1"))
                .toList();
    }
}
