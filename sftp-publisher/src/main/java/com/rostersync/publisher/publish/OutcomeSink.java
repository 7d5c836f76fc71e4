package com.rostersync.publisher.publish;

import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;

/** Where the publisher reports each unit of work and records its run (Kafka in the service, a list in tests). */
public interface OutcomeSink {

    void send(SyncOutcome outcome);

    /** The run of the same unit of work, for the sync history. */
    void record(RunRecorded run);
}
