package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
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
        if (outcome.thresholdBreaches().stream().anyMatch(ThresholdBreach::exceeds)) {
            present.add(OutcomeReason.THRESHOLD);
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

    /** An upload happened or was not needed: the district's data at the destination is current. */
    public static boolean isSuccessfulUpload(SyncOutcome outcome) {
        return outcome.reason() == OutcomeReason.UPLOADED || outcome.reason() == OutcomeReason.UNCHANGED;
    }
}
