package com.rostersync.publisher.publish;

import com.rostersync.events.outcome.SyncOutcome;

/** Where the publisher reports each unit of work (Kafka in the service, a list in tests). */
public interface OutcomeSink {

    void send(SyncOutcome outcome);
}
