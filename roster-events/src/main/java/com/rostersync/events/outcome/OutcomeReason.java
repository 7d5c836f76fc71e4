package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;

/**
 * Why a stage reports what it reports. Successes resolve incidents; each failure reason is its own incident kind, so
 * a bad credential is never confused with a missing school or a real deletion.
 */
public enum OutcomeReason {
    /** Extractor finished a cycle for the school (changes or not). */
    CYCLE_COMPLETED(false),
    /** Mapper holds a current, valid snapshot for the school (emitted now, or unchanged since the last one). */
    SNAPSHOT_READY(false),
    /** Publisher uploaded the files to the destination. */
    UPLOADED(false),
    /** Publisher skipped an upload because the destination already has this exact content. */
    UNCHANGED(false),
    /** Source rejected our credentials (JDBC auth, SFTP auth). */
    SOURCE_CREDENTIALS(true),
    /** Source could not be reached: refused, timeout, DNS. */
    SOURCE_UNAVAILABLE(true),
    /** Configured school ids are absent from the source; nothing of that tenant's cycle was published. */
    SCHOOLS_NOT_FOUND(true),
    /** One file failed (source drop or upload); its records were carried forward unchanged. */
    FILE_FAILED(true),
    /** Records left out of the snapshot because they are invalid. */
    VALIDATION(true),
    /** Deletions held because they exceed the tenant's deletion threshold. */
    THRESHOLD(true),
    /**
     * Records the source re-keyed (new ids, same username or class code): the archives and the matching creates are
     * held together until approved, so a receiver never sees one person twice.
     */
    ID_CHURN(true),
    /** Updates held because they exceed the tenant's update threshold (share of records changed in one cycle). */
    UPDATE_THRESHOLD(true),
    /** Creates held because they exceed the tenant's create threshold (off unless the tenant sets one). */
    CREATE_THRESHOLD(true),
    /**
     * A snapshot names a school the destination account is not bound to; nothing was uploaded there, so a roster never
     * lands in another district's account.
     */
    DESTINATION_GUARD(true),
    /** The tenant is in a pause window: changes were read, mapped and reported, nothing was uploaded. */
    PAUSED(false),
    /** The tenant runs in dry-run mode: the pipeline ran and recorded its history, nothing was uploaded. */
    DRY_RUN(false),
    /** Destination refused our credentials. */
    DESTINATION_CREDENTIALS(true),
    /** Destination presented a host key other than the pinned one; nothing was sent. */
    HOST_KEY_MISMATCH(true),
    /** Destination could not be reached or dropped the connection, after retries. */
    DESTINATION_UNAVAILABLE(true),
    /** Destination refused to let us write. */
    PERMISSION_DENIED(true),
    /** Destination has no space left. */
    DISK_FULL(true),
    /** No successful upload for longer than allowed (raised by the monitor). */
    STALE(true),
    /**
     * A reason from a newer revision of the contract that this build does not know. Counted as a failure, so the
     * monitor opens a generic incident for it rather than refusing the outcome.
     */
    UNKNOWN(true);

    private final boolean failure;

    OutcomeReason(boolean failure) {
        this.failure = failure;
    }

    public boolean isFailure() {
        return failure;
    }

    /** Whether this reason holds changes until an operator approves or discards them. */
    public boolean isHold() {
        return this == THRESHOLD || this == ID_CHURN || this == UPDATE_THRESHOLD || this == CREATE_THRESHOLD;
    }

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static OutcomeReason fromWire(String name) {
        return WireEnums.read(OutcomeReason.class, name, UNKNOWN);
    }
}
