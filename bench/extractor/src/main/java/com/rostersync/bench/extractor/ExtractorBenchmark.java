package com.rostersync.bench.extractor;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.TenantCycle;
import com.rostersync.extractor.kafka.ExtractorKafka;
import com.rostersync.extractor.kafka.KafkaCyclePublisher;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.JdbcSource;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Source;
import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extractor's benchmark: a full first cycle over a synthetic SIS, a cycle without changes, and a cycle with 1% changes,
 * each through the real JDBC source (with change tracking unless {@code -Dbench.tracking=false}), change detection and
 * an embedded KRaft broker; then a full read that must find nothing left to publish. Prints records read per second
 * and changes published per second. Run: {@code ./mvnw -B -Pbench -pl bench/extractor -am verify -DskipTests
 * [-Dbench.scale=1.0] [-Dbench.heap=10g]} (docs/benchmarks.md).
 */
public final class ExtractorBenchmark {

    private static final SecretResolver SECRETS = new SecretResolver(Map.of("BENCH_SIS_PASSWORD", "bench"), null);

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "0.02"));
        boolean tracked = Boolean.parseBoolean(System.getProperty("bench.tracking", "true"));
        ChangeTracking tracking = tracked ? ChangeTracking.on(ChangeTracking.DEFAULT_COLUMN) : null;
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        deleteRecursively(dir);
        Files.createDirectories(dir);
        // Kept open between cycles, as a real SIS database server is: re-opening the file is not the source's cost.
        String url = "jdbc:h2:file:" + dir.resolve("sis").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
        SyntheticSis sis = new SyntheticSis(url, scale);
        long generateStart = System.nanoTime();
        sis.create(resource("/sis/schema.sql"), resource("/sis/change-tracking-h2.sql"));
        System.out.printf(
                Locale.ROOT,
                "Synthetic SIS at scale %.3f: %d schools generated in %.1f s%n",
                scale,
                sis.schools(),
                seconds(generateStart));

        EmbeddedKafkaKraftBroker broker =
                new EmbeddedKafkaKraftBroker(1, 3, Topics.ROSTER_CHANGES, Topics.EXTRACTOR_STATE, Topics.OUTCOMES);
        broker.afterPropertiesSet();
        try {
            Map<String, Object> kafka = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.getBrokersAsString(),
                    ProducerConfig.BATCH_SIZE_CONFIG,
                    256 * 1024,
                    ProducerConfig.LINGER_MS_CONFIG,
                    10);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            HashState state = new HashState();
            JdbcRosterSource source = new JdbcRosterSource(SECRETS, Duration.ofMinutes(30), state, Clock.systemUTC());
            TenantCycle cycle = new TenantCycle(
                    t -> source,
                    new ChangeDetector(new ContentHasher()::hash),
                    state,
                    new KafkaCyclePublisher(
                            ExtractorKafka.eventTemplate(
                                    kafka, JsonMapper.builder().build()),
                            ExtractorKafka.stateTemplate(kafka)),
                    meters,
                    Clock.systemUTC(),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(5));
            Tenant tenant = new Tenant(
                    "bench",
                    "Synthetic District",
                    new Source(
                            SourceType.JDBC,
                            new JdbcSource(
                                    url,
                                    "sis",
                                    new SecretRef("BENCH_SIS_PASSWORD"),
                                    Map.of(),
                                    Duration.ofMinutes(30),
                                    tracking),
                            null),
                    sis.schoolIds(),
                    10,
                    Duration.ofMinutes(1),
                    List.of(),
                    List.of());

            StringBuilder table = new StringBuilder(
                    "| cycle | seconds | records read | records read/s | changes published | changes/s |\n"
                            + "|---|---:|---:|---:|---:|---:|\n");
            double full = run("full first cycle", cycle, tenant, meters, table);
            double quiet = run("no changes", cycle, tenant, meters, table);
            long changed = sis.changeOnePercent();
            double onePercent = run("1% changes (" + changed + " rows)", cycle, tenant, meters, table);
            table.append(String.format(
                    Locale.ROOT,
                    "%nChange tracking: %s. 1%% cycle / full cycle = %.1f%%; unchanged cycle / full cycle = %.1f%%%n",
                    tracked ? "on (incremental cycles after the full one)" : "off (every cycle reads everything)",
                    100 * onePercent / full,
                    100 * quiet / full));
            verify(tenant, state, table);
            System.out.println(table);
            Files.writeString(dir.resolve("results.md"), table.toString());
        } finally {
            broker.destroy();
        }
    }

    private static double run(
            String name, TenantCycle cycle, Tenant tenant, SimpleMeterRegistry meters, StringBuilder table) {
        double readBefore = sum(meters, "rostersync.extractor.records.read");
        double publishedBefore = sum(meters, "rostersync.extractor.records.published");
        long start = System.nanoTime();
        SyncOutcome outcome = cycle.run(tenant);
        double took = seconds(start);
        if (outcome.reason().isFailure()) {
            throw new IllegalStateException("benchmark cycle failed: " + outcome.message());
        }
        double read = sum(meters, "rostersync.extractor.records.read") - readBefore;
        double published = sum(meters, "rostersync.extractor.records.published") - publishedBefore;
        table.append(String.format(
                Locale.ROOT,
                "| %s | %.1f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                name,
                took,
                read,
                read / took,
                published,
                published / took));
        System.out.printf(Locale.ROOT, "%s: %.1f s%n", name, took);
        return took;
    }

    /**
     * The incremental cycles must leave the published state exactly where a full read puts it: a full read of the
     * source now, compared with that state, must find nothing to publish.
     */
    private static void verify(Tenant tenant, HashState state, StringBuilder table) throws Exception {
        long start = System.nanoTime();
        SourceRead read = new JdbcRosterSource(SECRETS, Duration.ofMinutes(30)).read(tenant);
        double readSeconds = seconds(start);
        ChangeDetector detector = new ChangeDetector(new ContentHasher()::hash);
        long differences = 0;
        for (String school : tenant.schoolIds()) {
            differences += detector.detect(
                            school,
                            read.recordsOf(school),
                            state.school(tenant.id(), school),
                            read.carriedForward(),
                            read.carriedForwardIds())
                    .changes()
                    .size();
        }
        table.append(String.format(
                Locale.ROOT,
                "%nCheck: a full read afterwards (%.1f s) differs from the published state in %d records.%n",
                readSeconds,
                differences));
        if (differences != 0) {
            System.out.println(table);
            throw new IllegalStateException(
                    differences + " records differ between the published state and a full read of the source");
        }
    }

    private static double sum(SimpleMeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExtractorBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
