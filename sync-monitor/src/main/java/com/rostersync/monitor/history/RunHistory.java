package com.rostersync.monitor.history;

import com.rostersync.events.run.ChangeReport;
import com.rostersync.events.run.RunRecorded;
import java.util.List;
import java.util.Optional;

/** The sync history the monitor keeps: every run the stages recorded, within the history's retention. */
public interface RunHistory {

    /** The runs that match, newest first (by {@code finishedAt}), at most {@code query.limit()} of them. */
    List<RunRecorded> runs(RunQuery query);

    Optional<RunRecorded> run(String runId);

    /** The change report of a map run, if that run has one. */
    Optional<ChangeReport> changes(String runId);

    /** Whether the run has a change report, without reading it. */
    default boolean hasChanges(String runId) {
        return changes(runId).isPresent();
    }
}
