package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.run.ChangeAction;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which failures one outcome reports, per the SyncOutcome contract: its reason when that is a failure, plus one reason
 * per non-empty detail list. A file failure inside an otherwise complete upload is its own incident (seed: "district
 * leaders will receive an email notification alerting them to the specific file failure").
 */
final class FailureReasons {

    private FailureReasons() {}

    public static Set<OutcomeReason> present(SyncOutcome outcome) {
        Set<OutcomeReason> present = EnumSet.noneOf(OutcomeReason.class);
        if (outcome.reason() != null && outcome.reason().isFailure()) {
            present.add(outcome.reason());
        }
        if (!outcome.fileFailures().isEmpty()) {
            present.add(OutcomeReason.FILE_FAILED);
        }
        for (ThresholdBreach breach : outcome.thresholdBreaches()) {
            if (breach.exceeds()) {
                present.add(holdReason(breach.heldAction()));
            }
        }
        if (!outcome.idChanges().isEmpty()) {
            present.add(OutcomeReason.ID_CHURN);
        }
        if (!outcome.validationIssues().isEmpty()) {
            present.add(OutcomeReason.VALIDATION);
        }
        if (!outcome.missingSchoolIds().isEmpty()) {
            present.add(OutcomeReason.SCHOOLS_NOT_FOUND);
        }
        return present;
    }

    /** Each threshold holds its own kind of change, and each is its own incident. */
    private static OutcomeReason holdReason(ChangeAction action) {
        return switch (action) {
            case UPDATED -> OutcomeReason.UPDATE_THRESHOLD;
            case CREATED -> OutcomeReason.CREATE_THRESHOLD;
            default -> OutcomeReason.THRESHOLD;
        };
    }

    /**
     * The publisher uploaded nothing on purpose (a pause window, a dry run): it did not try the destination, so this
     * says nothing about the connection or the credentials, only that the files it would send were whole and bound to
     * the right account.
     */
    public static boolean isDeliberatelyNotUploaded(SyncOutcome outcome) {
        return outcome.reason() == OutcomeReason.PAUSED || outcome.reason() == OutcomeReason.DRY_RUN;
    }

    /** What a paused or dry-run publish outcome can resolve: the checks the publisher made before it held back. */
    public static boolean resolvedWhenNotUploaded(OutcomeReason reason) {
        return reason == OutcomeReason.DESTINATION_GUARD || reason == OutcomeReason.FILE_FAILED;
    }

    /** An upload happened or was not needed: the district's data at the destination is current. */
    public static boolean isSuccessfulUpload(SyncOutcome outcome) {
        return outcome.reason() == OutcomeReason.UPLOADED || outcome.reason() == OutcomeReason.UNCHANGED;
    }
}
