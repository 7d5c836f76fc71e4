package com.rostersync.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.run.RunCounts;
import com.rostersync.events.run.RunRecorded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIndexTest {

    private static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");

    @Test
    void keepsOnlyTheNewestRunsOfEachTenant() {
        RunIndex index = new RunIndex(3, 10);
        for (int i = 0; i < 10; i++) {
            index.add(run("maple-" + i, "maple", "MMS", i));
        }
        index.add(run("oak-0", "oak", "OHS", 0));

        assertThat(index.runs(RunQuery.ofTenant("maple")))
                .extracting(RunRecorded::runId)
                .containsExactly("maple-9", "maple-8", "maple-7");
        assertThat(index.run("maple-0")).isEmpty();
        assertThat(index.runs(RunQuery.ofTenant("oak"))).hasSize(1);
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void listsNewestFirstAcrossTenantsWithinTheLimitAndFilters() {
        RunIndex index = new RunIndex(100, 10);
        index.add(run("a", "maple", "MMS", 1));
        index.add(run("b", "oak", "OHS", 2));
        index.add(run("c", "maple", "MHS", 3));

        assertThat(index.runs(new RunQuery(null, null, null, null, 2)))
                .extracting(RunRecorded::runId)
                .containsExactly("c", "b");
        assertThat(index.runs(new RunQuery("maple", "MMS", null, null, 10)))
                .extracting(RunRecorded::runId)
                .containsExactly("a");
        assertThat(index.runs(new RunQuery(null, null, null, T0.plusSeconds(2), 10)))
                .extracting(RunRecorded::runId)
                .containsExactly("c", "b");
    }

    @Test
    void reportPartThatArrivesBeforeItsRunIsAttachedWhenTheRunComes() {
        RunIndex index = new RunIndex(10, 10);
        index.addReportPart("a", new ReportPosition(0, 5));

        assertThat(index.reportParts("a")).isEmpty();
        index.add(run("a", "maple", "MMS", 1));
        index.addReportPart("a", new ReportPosition(0, 6));

        assertThat(index.reportParts("a")).containsExactly(new ReportPosition(0, 5), new ReportPosition(0, 6));
    }

    @Test
    void forgetsTheReportOfARunThatDroppedOutAndBoundsWaitingReports() {
        RunIndex index = new RunIndex(1, 2);
        index.add(run("old", "maple", "MMS", 1));
        index.addReportPart("old", new ReportPosition(0, 1));
        index.add(run("new", "maple", "MMS", 2));

        assertThat(index.reportParts("old")).isEmpty();

        index.addReportPart("x", new ReportPosition(0, 2));
        index.addReportPart("y", new ReportPosition(0, 3));
        index.addReportPart("z", new ReportPosition(0, 4));
        index.add(run("x", "oak", "OHS", 3));
        index.add(run("z", "pine", "PHS", 3));
        assertThat(index.reportParts("x"))
                .as("the eldest waiting report was dropped")
                .isEmpty();
        assertThat(index.reportParts("z")).containsExactly(new ReportPosition(0, 4));
    }

    private static RunRecorded run(String runId, String tenant, String school, int minute) {
        Instant finished = T0.plusSeconds(minute);
        return new RunRecorded(
                runId,
                Stage.MAP,
                tenant,
                school,
                null,
                null,
                finished.minusMillis(300),
                finished,
                OutcomeReason.SNAPSHOT_READY,
                RunCounts.NONE,
                List.of(),
                "ok");
    }
}
