package com.rostersync.localstack.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceLogNameTest {

    @Test
    void ourClassesAreNamedByTheirPackage() {
        assertThat(ServiceLogName.of("com.rostersync.extractor.cycle.TenantCycle"))
                .isEqualTo("roster-extractor");
        assertThat(ServiceLogName.of("com.rostersync.mapper.pipeline.SchoolCycleRunner"))
                .isEqualTo("oneroster-mapper");
        assertThat(ServiceLogName.of("com.rostersync.publisher.publish.PublishCoordinator"))
                .isEqualTo("sftp-publisher");
        assertThat(ServiceLogName.of("com.rostersync.monitor.incident.IncidentDesk"))
                .isEqualTo("sync-monitor");
        assertThat(ServiceLogName.of("org.apache.kafka.clients.NetworkClient")).isEqualTo("local-stack");
    }

    @Test
    void aLibraryLineCarriesTheServiceWhoseStartCreatedTheThread() throws Exception {
        AtomicReference<String> fromChildThread = new AtomicReference<>();
        Thread child = ServiceLogName.during("sftp-publisher", () -> {
            // Created while the publisher starts, like its Kafka listener and Tomcat threads.
            Thread thread = new Thread(() -> fromChildThread.set(ServiceLogName.of("org.springframework.kafka.X")));
            assertThat(ServiceLogName.of("org.apache.catalina.Y")).isEqualTo("sftp-publisher");
            return thread;
        });
        child.start();
        child.join();

        assertThat(fromChildThread).hasValue("sftp-publisher");
        assertThat(ServiceLogName.of("org.apache.catalina.Y")).isEqualTo("local-stack");
    }
}
