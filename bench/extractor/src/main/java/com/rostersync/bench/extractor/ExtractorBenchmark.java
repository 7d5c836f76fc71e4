package com.rostersync.bench.extractor;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.TenantCycle;
import com.rostersync.extractor.kafka.ExtractorKafka;
import com.rostersync.extractor.kafka.KafkaCyclePublisher;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
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
 * Issue 3's benchmark: a full first cycle over a synthetic SIS, a cycle without changes, and a cycle with 1% changes,
 * each through the real JDBC source, change detection and an embedded KRaft broker. Prints records read per second
 * and changes published per second. Run: {@code ./mvnw -B -Pbench -pl bench/extractor -am verify -DskipTests
 * [-Dbench.scale=0.1]}.
 */
public final class ExtractorBenchmark {

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "0.02"));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        deleteRecursively(dir);
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("sis").toAbsolutePath();
        SyntheticSis sis = new SyntheticSis(url, scale);
        long generateStart = System.nanoTime();
        sis.create(resource("/sis/schema.sql"));
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
            TenantCycle cycle = new TenantCycle(
                    t -> new JdbcRosterSource(
                            new SecretResolver(Map.of("BENCH_SIS_PASSWORD", "bench"), null), Duration.ofMinutes(30)),
                    new ChangeDetector(new ContentHasher()::hash),
                    new HashState(),
                    new KafkaCyclePublisher(
                            ExtractorKafka.eventTemplate(
                                    kafka, JsonMapper.builder().build()),
                            ExtractorKafka.stateTemplate(kafka),
                            Duration.ofMinutes(10)),
                    meters,
                    Clock.systemUTC(),
                    Duration.ofMinutes(10));
            Tenant tenant = new Tenant(
                    "bench",
                    "Synthetic District",
                    new Source(
                            SourceType.JDBC,
                            new JdbcSource(
                                    url, "sis", new SecretRef("BENCH_SIS_PASSWORD"), Map.of(), Duration.ofMinutes(30)),
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
            breakdown(tenant, table);
            table.append(String.format(
                    Locale.ROOT,
                    "%n1%% cycle / full cycle = %.1f%%; unchanged cycle / full " + "cycle = %.1f%%%n",
                    100 * onePercent / full,
                    100 * quiet / full));
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

    /** Where a quiet cycle's time goes: the source read alone, then hashing every record alone. */
    private static void breakdown(Tenant tenant, StringBuilder table) throws Exception {
        long start = System.nanoTime();
        var read = new JdbcRosterSource(
                        new SecretResolver(Map.of("BENCH_SIS_PASSWORD", "bench"), null), Duration.ofMinutes(30))
                .read(tenant);
        double readSeconds = seconds(start);
        ContentHasher hasher = new ContentHasher();
        start = System.nanoTime();
        long hashed = read.recordsBySchool().values().stream()
                .flatMap(List::stream)
                .map(hasher::hash)
                .count();
        double hashSeconds = seconds(start);
        table.append(String.format(
                Locale.ROOT,
                "%nBreakdown: JDBC read and mapping alone %.1f s; hashing %,d"
                        + " school-scoped records alone %.1f s%n",
                readSeconds,
                hashed,
                hashSeconds));
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
