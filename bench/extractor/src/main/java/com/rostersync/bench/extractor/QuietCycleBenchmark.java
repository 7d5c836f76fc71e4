package com.rostersync.bench.extractor;

import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.cycle.CyclePublisher;
import com.rostersync.extractor.cycle.TenantCycle;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.tenants.CsvDropSource;
import com.rostersync.tenants.Source;
import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What one quiet cycle costs: at rest the extractor runs every tenant's cycle every sync interval, and a cycle whose
 * drop did not change only lists the drop folder and judges each school to find nothing to publish. Many tenants share
 * one generated district drop (ten schools by default); after a first cycle each and a warm-up, the benchmark reports
 * the CPU time of one thread per quiet cycle and per listing of the folder alone. The publisher acknowledges at once:
 * a quiet cycle sends nothing. Run: {@code ./mvnw -B -Pbench -pl bench/extractor -am verify -DskipTests
 * -Dbench.main=com.rostersync.bench.extractor.QuietCycleBenchmark} (docs/benchmarks.md).
 */
public final class QuietCycleBenchmark {

    private static final int TENANTS = 100;
    private static final int SCHOOLS = 10;
    private static final int STUDENTS_PER_SCHOOL = 50;
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 20_000;
    private static final int ROUNDS = 5;

    private QuietCycleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path drop = Path.of(System.getProperty("bench.dir", "target/bench")).resolve("quiet-drop");
        List<String> schools = writeDrop(drop);
        List<Tenant> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            tenants.add(folderTenant("t" + t, drop, schools));
        }
        CsvDropRosterSource source = new CsvDropRosterSource(new FolderDropFetcher(), null);
        TenantCycle cycle = new TenantCycle(
                tenant -> source,
                new ChangeDetector(new ContentHasher()::hash),
                new HashState(),
                new AcknowledgingPublisher(),
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5));
        for (Tenant tenant : tenants) {
            expectCompleted(cycle.run(tenant), "first");
        }
        for (int i = 0; i < WARM_UP; i++) {
            cycle.run(tenants.get(i % TENANTS));
        }
        expectCompleted(cycle.run(tenants.get(0)), "quiet");
        FolderDropFetcher fetcher = new FolderDropFetcher();
        String listing =
                fetcher.fetchIfChanged(tenants.get(0), null).orElseThrow().listing();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(
                Locale.ROOT,
                "%d tenants over one drop of %d schools (%d students each), %d quiet cycles per round%n",
                TENANTS,
                SCHOOLS,
                STUDENTS_PER_SCHOOL,
                MEASURED);
        for (int round = 1; round <= ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED; i++) {
                cycle.run(tenants.get(i % TENANTS));
            }
            long cycles = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED; i++) {
                fetcher.fetchIfChanged(tenants.get(i % TENANTS), listing);
            }
            long listings = threads.getCurrentThreadCpuTime() - start;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: quiet cycle %.1f us of CPU, the folder's listing alone %.1f us%n",
                    round,
                    cycles / 1000.0 / MEASURED,
                    listings / 1000.0 / MEASURED);
        }
    }

    /** A cycle that failed would measure the failure path, not a quiet cycle. */
    private static void expectCompleted(SyncOutcome outcome, String which) {
        if (outcome.reason() != OutcomeReason.CYCLE_COMPLETED) {
            throw new IllegalStateException("the " + which + " cycle did not complete: " + outcome.message());
        }
    }

    private static Tenant folderTenant(String id, Path drop, List<String> schools) {
        return new Tenant(
                id,
                id,
                new Source(
                        SourceType.CSV_DROP,
                        null,
                        new CsvDropSource(
                                drop.toString(), null, 22, null, null, null, null, null, Duration.ofSeconds(5))),
                schools,
                10,
                Duration.ofSeconds(5),
                List.of(),
                List.of());
    }

    /** One district's drop: per school a course, a class, a teacher and its students, all enrolled. */
    private static List<String> writeDrop(Path drop) throws IOException {
        Files.createDirectories(drop);
        List<String> schools = IntStream.rangeClosed(1, SCHOOLS)
                .mapToObj(s -> String.format(Locale.ROOT, "S%02d", s))
                .toList();
        StringBuilder orgs =
                new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                        + "D1,,,District,district,,\n");
        StringBuilder courses = new StringBuilder(
                "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,"
                        + "subjectCodes\n");
        StringBuilder classes = new StringBuilder(
                "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                        + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
        StringBuilder users = new StringBuilder(
                "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
                        + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n");
        StringBuilder enrollments = new StringBuilder(
                "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                        + "beginDate,endDate\n");
        for (String school : schools) {
            orgs.append(school)
                    .append(",,,School ")
                    .append(school)
                    .append(",school,")
                    .append(school)
                    .append(",D1\n");
            courses.append("C-")
                    .append(school)
                    .append(",,,Y27,Art,ART,05,")
                    .append(school)
                    .append(",Art,\n");
            classes.append("K-")
                    .append(school)
                    .append(",,,Art 1,05,C-")
                    .append(school)
                    .append(",ART-1,scheduled,Studio,")
                    .append(school)
                    .append(",Y27,Art,,1\n");
            for (int u = 0; u <= STUDENTS_PER_SCHOOL; u++) {
                String user = "U-" + school + "-" + u;
                String role = u == 0 ? "teacher" : "student";
                users.append(user)
                        .append(",,,true,")
                        .append(school)
                        .append(',')
                        .append(role)
                        .append(",u")
                        .append(school)
                        .append(u)
                        .append(",{SIS:")
                        .append(user)
                        .append("},Given,Family,,")
                        .append(user)
                        .append(",,,,,05,\n");
                enrollments
                        .append("N-")
                        .append(user)
                        .append(",,,K-")
                        .append(school)
                        .append(',')
                        .append(school)
                        .append(',')
                        .append(user)
                        .append(',')
                        .append(role)
                        .append(",,,\n");
            }
        }
        Files.writeString(drop.resolve("orgs.csv"), orgs);
        Files.writeString(
                drop.resolve("academicSessions.csv"),
                "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
                        + "Y27,,,2026-2027,schoolYear,2026-08-20,2027-06-10,,2027\n");
        Files.writeString(drop.resolve("courses.csv"), courses);
        Files.writeString(drop.resolve("classes.csv"), classes);
        Files.writeString(drop.resolve("users.csv"), users);
        Files.writeString(drop.resolve("enrollments.csv"), enrollments);
        Files.writeString(
                drop.resolve("manifest.csv"),
                "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
                        + List.of("academicSessions", "classes", "courses", "enrollments", "orgs", "users").stream()
                                .map(file -> "file." + file + ",bulk\n")
                                .collect(Collectors.joining())
                        + List.of(
                                        "categories",
                                        "classResources",
                                        "courseResources",
                                        "demographics",
                                        "lineItems",
                                        "resources",
                                        "results")
                                .stream()
                                .map(file -> "file." + file + ",absent\n")
                                .collect(Collectors.joining()));
        return schools;
    }

    /** Every send acknowledged at once: a quiet cycle sends nothing, and the first cycles' sends are not measured. */
    private static final class AcknowledgingPublisher implements CyclePublisher {

        @Override
        public CompletableFuture<Void> publishChanges(
                String tenantId, String schoolId, List<RosterChangeEvent> events) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> recordState(String tenantId, String schoolId, List<Change> changes) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> publishOutcome(SyncOutcome outcome) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> publishRun(RunRecorded run) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
