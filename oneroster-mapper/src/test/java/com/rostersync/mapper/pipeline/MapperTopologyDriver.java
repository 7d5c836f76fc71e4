package com.rostersync.mapper.pipeline;

import com.rostersync.mapper.cycle.SchoolCyclePlanner;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.tenants.TenantRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import tools.jackson.databind.json.JsonMapper;

/** The mapper's topology as the service builds it, on a driver without a broker, for a tenant-less registry. */
final class MapperTopologyDriver {

    /** The quiet period the processors wait for before a school's cycle. */
    static final Duration QUIET = Duration.ofSeconds(2);

    private MapperTopologyDriver() {}

    static TopologyTestDriver start(JsonMapper json, Path stateDir, String applicationId) {
        return start(json, stateDir, applicationId, new SimpleMeterRegistry());
    }

    /** The same, with the mapper's metrics in {@code meters}. */
    static TopologyTestDriver start(JsonMapper json, Path stateDir, String applicationId, MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        SchoolCyclePlanner planner = new SchoolCyclePlanner(new SourceSystem("RosterSync", "rostersync"));
        MapperTopology.build(
                builder,
                json,
                () -> new SchoolCycleProcessor(
                        json,
                        planner,
                        () -> new TenantRegistry(List.of()),
                        QUIET,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(500),
                        new HeldDeletions(),
                        new MapperMetrics(meters)));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(builder.build(), config);
    }
}
