package com.rostersync.events.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.rostersync.events.WireEnums;
import java.util.List;

/** The pipeline stage that reports an outcome. */
public enum Stage {
    EXTRACT,
    MAP,
    PUBLISH,
    MONITOR,
    /** A constant of a newer revision of the contract, which this build does not know (see {@link #fromWire}). */
    UNKNOWN;

    /**
     * Every reason an outcome of this stage can carry, so the stage that sends them and the monitor that counts them
     * register the same series. The monitor raises {@code STALE} itself and sends no outcome.
     */
    public List<OutcomeReason> reasons() {
        switch (this) {
            case EXTRACT:
                return List.of(
                        OutcomeReason.CYCLE_COMPLETED,
                        OutcomeReason.FILE_FAILED,
                        OutcomeReason.SOURCE_CREDENTIALS,
                        OutcomeReason.SOURCE_UNAVAILABLE,
                        OutcomeReason.SCHOOLS_NOT_FOUND);
            case MAP:
                return List.of(
                        OutcomeReason.SNAPSHOT_READY,
                        OutcomeReason.VALIDATION,
                        OutcomeReason.THRESHOLD,
                        OutcomeReason.ID_CHURN,
                        OutcomeReason.UPDATE_THRESHOLD,
                        OutcomeReason.CREATE_THRESHOLD);
            case PUBLISH:
                return List.of(
                        OutcomeReason.UPLOADED,
                        OutcomeReason.UNCHANGED,
                        OutcomeReason.FILE_FAILED,
                        OutcomeReason.DESTINATION_CREDENTIALS,
                        OutcomeReason.HOST_KEY_MISMATCH,
                        OutcomeReason.DESTINATION_UNAVAILABLE,
                        OutcomeReason.PERMISSION_DENIED,
                        OutcomeReason.DISK_FULL,
                        OutcomeReason.DESTINATION_GUARD,
                        OutcomeReason.PAUSED,
                        OutcomeReason.DRY_RUN);
            default:
                return List.of();
        }
    }

    /** Reads a constant off the wire; one this build does not know is {@link #UNKNOWN}, never an error. */
    @JsonCreator
    public static Stage fromWire(String name) {
        return WireEnums.read(Stage.class, name, UNKNOWN);
    }
}
