package com.rostersync.extractor.support;

import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.TenantCycle;
import com.rostersync.extractor.kafka.ExtractorKafka;
import com.rostersync.extractor.kafka.HashStateRestorer;
import com.rostersync.extractor.kafka.KafkaCyclePublisher;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.kernel.kafka.CompactedTopicReader;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * One extractor instance wired as the application wires it, on a real broker: "restarting" is building a new
 * harness, which starts from nothing in memory and rebuilds its hashes from the state topic.
 */
public final class ExtractorHarness implements AutoCloseable {

    public final HashState state = new HashState();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final TenantCycle cycle;
    public final long restored;
    private final KafkaTemplate<String, Object> events;
    private final KafkaTemplate<String, String> hashes;

    public ExtractorHarness(String bootstrap, Function<Tenant, RosterSource> sources) {
        this(bootstrap, (SourcesFor) state -> sources);
    }

    /** An extractor whose JDBC source reads change-tracking tenants incrementally against this instance's state. */
    public static ExtractorHarness withTrackingJdbc(String bootstrap) {
        return new ExtractorHarness(bootstrap, (SourcesFor) state -> {
            JdbcRosterSource jdbc = new JdbcRosterSource(
                    new SecretResolver(Map.of(Tenants.PASSWORD_REF, SisDatabase.PASSWORD), null),
                    Duration.ofSeconds(5),
                    state,
                    Clock.systemUTC());
            return tenant -> jdbc;
        });
    }

    /** The sources of one instance, given its hash state (a change-tracking source reads against it). */
    private interface SourcesFor {
        Function<Tenant, RosterSource> apply(HashState state);
    }

    private ExtractorHarness(String bootstrap, SourcesFor sourcesFor) {
        Map<String, Object> base = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        events = ExtractorKafka.eventTemplate(base, JsonMapper.builder().build());
        hashes = ExtractorKafka.stateTemplate(base);
        restored = new HashStateRestorer(
                        new CompactedTopicReader(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
                        Duration.ofSeconds(10))
                .restore(state);
        cycle = new TenantCycle(
                sourcesFor.apply(state),
                new ChangeDetector(new ContentHasher()::hash),
                state,
                new KafkaCyclePublisher(events, hashes),
                meters,
                Clock.systemUTC(),
                Duration.ofSeconds(15),
                Duration.ZERO);
    }

    @Override
    public void close() {
        ((DefaultKafkaProducerFactory<String, Object>) events.getProducerFactory()).destroy();
        ((DefaultKafkaProducerFactory<String, String>) hashes.getProducerFactory()).destroy();
    }
}
