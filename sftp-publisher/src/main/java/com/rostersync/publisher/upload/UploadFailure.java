package com.rostersync.publisher.upload;

import com.rostersync.events.outcome.OutcomeReason;

/**
 * Why an upload to one destination failed, already classified into the outcome reason the monitor understands,
 * with the file concerned when there is one. The message carries ids and library messages only, never a secret.
 */
public final class UploadFailure extends Exception {

    private final OutcomeReason reason;
    private final String file;

    public UploadFailure(OutcomeReason reason, String file, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.file = file;
    }

    public OutcomeReason reason() {
        return reason;
    }

    /** The file being written, renamed or verified when it failed; null when no file was involved yet. */
    public String file() {
        return file;
    }

    /** Only an unreachable or dropping server is worth retrying soon; everything else needs a person or new data. */
    public boolean isRetryable() {
        return reason == OutcomeReason.DESTINATION_UNAVAILABLE;
    }
}
