package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.rostersync.events.Keys;
import com.rostersync.events.Topics;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.config.MapperProperties;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.state.MapperStateChangelog;
import com.rostersync.tenants.TenantRegistryWatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/** Scaling by partitions: an instance rebuilds state for partitions it is given and emits only for schools it owns. */
class SchoolCycleRunnerOwnershipTest {

    private static final int PARTITIONS = 3;

    private final MapperStateChangelog changelog = mock(MapperStateChangelog.class);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);

    private TenantRegistryWatcher registry;
    private SchoolCycleRunner runner;

    @BeforeEach
    void start() {
        registry = new TenantRegistryWatcher(Path.of("src/test/resources/tenants-test.yml"), Duration.ofHours(1));
        runner = new SchoolCycleRunner(
                changelog,
                template,
                registry,
                new MapperProperties(Duration.ofHours(1), Duration.ofHours(1), "RosterSync", "rostersync"),
                new MapperMetrics(new SimpleMeterRegistry()));
        SchoolRoster roster = new SchoolRoster(Fixtures.TENANT, Fixtures.SCHOOL);
        roster.current().putAll(Fixtures.school(List.of()));
        when(changelog.restore()).thenReturn(Map.of(Keys.school(Fixtures.TENANT, Fixtures.SCHOOL), roster));
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.stop();
        registry.close();
    }

    @Test
    void everyAssignmentRebuildsTheStateAsTheChangelogHoldsItThen() {
        verify(changelog, never()).restore();
        runner.partitionsAssigned(List.of(partition(0)), PARTITIONS);
        verify(changelog, times(1)).restore();
        runner.partitionsAssigned(List.of(partition(1)), PARTITIONS);
        verify(changelog, times(2)).restore();
    }

    @Test
    void doesNotEmitForASchoolWhosePartitionIsAnotherInstances() {
        String key = Keys.school(Fixtures.TENANT, Fixtures.SCHOOL);
        int mine = SchoolCycleRunner.partitionOf(key, PARTITIONS);
        List<TopicPartition> others = IntStream.range(0, PARTITIONS)
                .filter(p -> p != mine)
                .mapToObj(SchoolCycleRunnerOwnershipTest::partition)
                .toList();
        runner.partitionsAssigned(others, PARTITIONS);

        assertThat(runner.owns(key)).isFalse();
        runner.runCycle(key);
        verify(template, never()).send(any(String.class), any(String.class), any());
    }

    @Test
    void ownsTheSchoolsOfItsPartitionsOnly() {
        String key = Keys.school(Fixtures.TENANT, Fixtures.SCHOOL);
        TopicPartition mine = partition(SchoolCycleRunner.partitionOf(key, PARTITIONS));
        runner.partitionsAssigned(List.of(mine), PARTITIONS);
        assertThat(runner.owns(key)).isTrue();
        runner.partitionsRevoked(List.of(mine));
        assertThat(runner.owns(key)).isFalse();
    }

    private static TopicPartition partition(int p) {
        return new TopicPartition(Topics.ROSTER_CHANGES, p);
    }
}
