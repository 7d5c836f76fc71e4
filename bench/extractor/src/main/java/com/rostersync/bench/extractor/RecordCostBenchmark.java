package com.rostersync.bench.extractor;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.kernel.kafka.IsoInstants;
import com.rostersync.kernel.kafka.IsoLocalDates;
import com.rostersync.kernel.kafka.WireEnumNames;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * What each record costs on its way through the extractor and into the mapper, on one thread, on C2 as the services
 * run: the content hash, writing the record change as JSON and reading it back, with the services' JSON modules and,
 * for comparison, with Jackson's own handling of dates, instants and enum creators (Blackbird alone). The records are
 * a school's worth of students and their enrollments (a fifth of the names outside ASCII). Run: {@code ./mvnw -B
 * -Pbench -pl bench/extractor -am verify -DskipTests -Dbench.main=com.rostersync.bench.extractor.RecordCostBenchmark}
 * (docs/benchmarks.md).
 */
public final class RecordCostBenchmark {

    private static final int STUDENTS = 5_000;
    private static final int WARM_UP_PASSES = 60;
    private static final int MEASURED_PASSES = 20;
    private static final int ROUNDS = 5;

    private RecordCostBenchmark() {}

    public static void main(String[] args) {
        List<RosterChangeEvent> changes = changes();
        ContentHasher hasher = new ContentHasher();
        JsonMapper jackson =
                JsonMapper.builder().addModule(new BlackbirdModule()).build();
        JsonMapper services = JsonMapper.builder()
                .addModule(new BlackbirdModule())
                .addModule(IsoLocalDates.module())
                .addModule(IsoInstants.module())
                .addModule(WireEnumNames.module())
                .build();
        List<byte[]> written = changes.stream().map(services::writeValueAsBytes).toList();
        Map<String, ToIntFunction<Integer>> steps = new LinkedHashMap<>();
        steps.put("content hash", i -> hasher.hash(((RecordChanged) changes.get(i)).record())
                .length());
        steps.put("write, services' modules", i -> services.writeValueAsBytes(changes.get(i)).length);
        steps.put("write, Jackson's own", i -> jackson.writeValueAsBytes(changes.get(i)).length);
        steps.put("read, services' modules", i -> services.readValue(written.get(i), RosterChangeEvent.class)
                .schemaVersion());
        steps.put("read, Jackson's own", i -> jackson.readValue(written.get(i), RosterChangeEvent.class)
                .schemaVersion());
        if (!services.readValue(written.get(1), RosterChangeEvent.class).equals(changes.get(1))
                || !jackson.readValue(written.get(1), RosterChangeEvent.class).equals(changes.get(1))) {
            throw new IllegalStateException("a record change does not read back as written");
        }
        steps.values().forEach(step -> passes(step, changes.size(), WARM_UP_PASSES));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(
                Locale.ROOT, "%d record changes (students and enrollments), CPU per record%n", changes.size());
        for (int round = 1; round <= ROUNDS; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (Map.Entry<String, ToIntFunction<Integer>> step : steps.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                passes(step.getValue(), changes.size(), MEASURED_PASSES);
                long nanos = threads.getCurrentThreadCpuTime() - start;
                line.append(String.format(
                        Locale.ROOT, "  %s %.0f ns", step.getKey(), nanos / (double) MEASURED_PASSES / changes.size()));
            }
            System.out.println(line);
        }
    }

    private static void passes(ToIntFunction<Integer> step, int records, int passes) {
        long sink = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < records; i++) {
                sink += step.applyAsInt(i);
            }
        }
        if (sink == 42) {
            System.out.println("(keeps the results alive)");
        }
    }

    private static List<RosterChangeEvent> changes() {
        String[] given = {"Liam", "Zoé", "Amelia", "明", "Noah"};
        String[] family = {"Smith", "Nguyễn", "García", "O'Brien", "Johnson"};
        Instant observed = Instant.parse("2026-12-05T09:18:00.123456Z");
        List<RosterChangeEvent> changes = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            String id = "stu-" + s;
            Person person = new Person(
                    id,
                    List.of("sch00001"),
                    Role.STUDENT,
                    "user" + s,
                    true,
                    given[s % given.length],
                    family[s % family.length],
                    null,
                    "S" + s,
                    "user" + s + "@district.example.org",
                    null,
                    null,
                    List.of("05"),
                    new TreeMap<>(Map.of("SIS", id)),
                    List.of());
            Enrollment enrollment = new Enrollment(
                    "enr-" + s,
                    "sch00001",
                    "cls-" + (s % 100),
                    id,
                    Role.STUDENT,
                    null,
                    LocalDate.of(2026, 8, 20),
                    LocalDate.of(2027, 6, 10));
            changes.add(change(EntityType.PERSON, person, observed));
            changes.add(change(EntityType.ENROLLMENT, enrollment, observed));
        }
        return changes;
    }

    private static RecordChanged change(EntityType type, RosterRecord record, Instant observed) {
        return new RecordChanged(
                SchemaVersion.CURRENT,
                "dst0001",
                "sch00001",
                "cycle-1",
                ChangeKind.UPSERT,
                type,
                record.sourcedId(),
                "kJ3v0-2uYw9Xh1ZpQm5T8rLc4NaBdEfG",
                record,
                observed);
    }
}
