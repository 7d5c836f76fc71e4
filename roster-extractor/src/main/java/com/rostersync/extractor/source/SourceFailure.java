package com.rostersync.extractor.source;

import com.rostersync.events.outcome.OutcomeReason;

/**
 * The source could not be read at all. The message names what failed (host, query, file) with ids only, never a
 * secret or a personal field, because it goes into the outcome the district leaders receive.
 */
public final class SourceFailure extends Exception {

    private final OutcomeReason reason;

    public SourceFailure(OutcomeReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SourceFailure(OutcomeReason reason, String message) {
        this(reason, message, null);
    }

    public OutcomeReason reason() {
        return reason;
    }
}
