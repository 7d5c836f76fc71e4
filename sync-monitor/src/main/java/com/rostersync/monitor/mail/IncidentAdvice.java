package com.rostersync.monitor.mail;

import com.rostersync.events.outcome.OutcomeReason;
import java.util.List;

/**
 * What each failure means and what the district should do about it, in the words of the seeds (SchoolStatus Connect:
 * "Reaching deletion threshold", "Wrong credentials", "Schools to sync are not found", "What to do if an individual
 * file fails"; Clever: sync hold approval).
 */
final class IncidentAdvice {

    private IncidentAdvice() {}

    static String title(OutcomeReason reason) {
        return switch (reason) {
            case THRESHOLD -> "Deletions held: the deletion threshold was reached";
            case ID_CHURN -> "Records changed id: changes held";
            case UPDATE_THRESHOLD -> "Updates held: the update threshold was reached";
            case CREATE_THRESHOLD -> "New records held: the create threshold was reached";
            case DESTINATION_GUARD ->
                "Upload refused: the files name a school this destination account is not bound to";
            case SOURCE_CREDENTIALS -> "Wrong credentials for the student information system";
            case SOURCE_UNAVAILABLE -> "The student information system could not be reached";
            case SCHOOLS_NOT_FOUND -> "Schools to sync are not found";
            case FILE_FAILED -> "A file failed";
            case VALIDATION -> "Some records were left out because they are invalid";
            case DESTINATION_CREDENTIALS -> "Wrong credentials for the SFTP destination";
            case HOST_KEY_MISMATCH -> "The SFTP destination presented an unexpected host key";
            case DESTINATION_UNAVAILABLE -> "The SFTP destination could not be reached";
            case PERMISSION_DENIED -> "The SFTP destination refused to let us write";
            case DISK_FULL -> "The SFTP destination has no space left";
            case STALE -> "No successful upload for too long";
            case UNKNOWN -> "A sync problem this version of the monitor cannot name";
            default -> "Sync problem: " + reason.name();
        };
    }

    static String meaning(OutcomeReason reason) {
        return switch (reason) {
            case THRESHOLD ->
                "Each sync has a deletion threshold: the percentage of records it may archive at one "
                        + "time. This sync would archive more than that, so it still creates new and updates existing "
                        + "records but archives nothing until the hold is resolved.";
            case ID_CHURN ->
                "Records we already sync arrived under new ids. Uploading them as they are would show the same "
                        + "person or class twice, so the old records are not archived and the new ids are not "
                        + "created until the change is approved; approving applies both sides at once.";
            case UPDATE_THRESHOLD ->
                "Each sync has an update threshold: the percentage of a school's records it may change at one "
                        + "time. This sync would update more than that, so those records stay as they were last sent "
                        + "until the hold is resolved; new records and archives still go through.";
            case CREATE_THRESHOLD ->
                "This district limits how many new records one sync may create. This sync would create more than "
                        + "that, so the new records are not sent until the hold is resolved; updates and archives "
                        + "still go through.";
            case DESTINATION_GUARD ->
                "Each destination account is bound to the schools it may receive. The files for this destination "
                        + "name a school outside that set, so nothing was uploaded to it: a roster never lands in "
                        + "another district's account.";
            case SOURCE_CREDENTIALS ->
                "Using the saved access credentials resulted in an error: they may be wrong "
                        + "or no longer functioning (for example if sharing data was disabled). Nothing new was read.";
            case SOURCE_UNAVAILABLE ->
                "The connection to the student information system failed (refused, timed "
                        + "out or the name did not resolve). The last synced data stays in place.";
            case SCHOOLS_NOT_FOUND ->
                "The list of school IDs for this district includes IDs that are not present "
                        + "in the data we receive. Nothing of this cycle was published.";
            case FILE_FAILED ->
                "The rest of the upload went through, but an individual file encountered an issue. "
                        + "Its records were carried forward unchanged.";
            case VALIDATION ->
                "The records below were left out of the files because they break a OneRoster rule; "
                        + "everything else synced.";
            case DESTINATION_CREDENTIALS ->
                "The SFTP destination rejected the username, password or key we have "
                        + "for it. Nothing was uploaded.";
            case HOST_KEY_MISMATCH ->
                "The destination server identified itself with a key other than the one we "
                        + "trust, so nothing was sent, to keep the roster from reaching the wrong server.";
            case DESTINATION_UNAVAILABLE ->
                "The SFTP destination could not be reached or dropped the connection, "
                        + "even after retries. Nothing was lost; the upload is retried.";
            case PERMISSION_DENIED -> "The SFTP account may not write to its upload folder.";
            case DISK_FULL -> "The SFTP destination reported that it has no space left.";
            case STALE -> "The apps that use your rosters may be working with outdated data.";
            case UNKNOWN ->
                "A newer part of the platform reported a problem that this monitor does not know yet. The sync of "
                        + "this part did not succeed.";
            default -> "";
        };
    }

    static List<String> whatToDo(OutcomeReason reason) {
        return switch (reason) {
            case THRESHOLD ->
                List.of(
                        "Check if the number of records to archive looks reasonable (for example, students who graduated "
                                + "or left).",
                        "If it does, there may be no real issue: approve the held deletions with the link below "
                                + "(the approval gives the count you reviewed), or raise the deletion threshold to allow "
                                + "the sync to archive outdated records.",
                        "If the deletions are a mistake of the source (a cut-short export, a wrong filter), discard "
                                + "them with a reason: the records stay as they are, and are proposed again only if the "
                                + "next full read still lacks them.",
                        "If the number looks suspiciously high, do not approve; contact support for assistance with the "
                                + "investigation.");
            case UPDATE_THRESHOLD, CREATE_THRESHOLD ->
                List.of(
                        "Check the first held ids listed above in your student information system: is this change "
                                + "expected (a new school year, a bulk correction, a new school)?",
                        "If it is, approve with the link below, giving the count you reviewed; if more are held by "
                                + "then, nothing is released until you approve again.",
                        "If it is not, discard the hold with a reason: the records stay as they were last sent, and "
                                + "the change is proposed again only if the next full read still has it.");
            case DESTINATION_GUARD ->
                List.of(
                        "Check the destination's schoolIds and allowedSchoolIds in the tenant registry: the files may "
                                + "only name schools the account belongs to.",
                        "If the school truly belongs to this account, add it to allowedSchoolIds; if not, remove it "
                                + "from the destination's schoolIds. Nothing is uploaded to the account until then.");
            case ID_CHURN ->
                List.of(
                        "Check whether your student information system was re-keyed on purpose (a migration, an "
                                + "import, a new id scheme).",
                        "If it was, approve with the link below: the old ids are archived and the new ones created "
                                + "in the same upload.",
                        "If it was not, do not approve: discard the hold with a reason, so the old ids stay and the new"
                                + " ones stay out until the next full read, and contact support for assistance with the"
                                + " investigation.");
            case SOURCE_CREDENTIALS ->
                List.of(
                        "Check the credentials (user name, password, tokens or district IDs) saved for your student "
                                + "information system, and whether sharing data is still enabled.",
                        "If you're unsure which credentials the sync needs, contact support.");
            case SOURCE_UNAVAILABLE, DESTINATION_UNAVAILABLE ->
                List.of(
                        "No action is needed if this clears up by the next sync.",
                        "If it persists, check that the server is up and reachable, then contact support.");
            case SCHOOLS_NOT_FOUND ->
                List.of(
                        "Review the school IDs configured for your district and make sure they don't have any typos.",
                        "Make sure all of these IDs actually belong to schools that are properly shared with us; remove "
                                + "schools that no longer need to be synced.");
            case FILE_FAILED ->
                List.of(
                        "Check the file itself: open it to verify it isn't corrupted, empty, or formatted incorrectly "
                                + "(empty files with no data, broken or corrupted file formats, unexpected file types).",
                        "Review your data: ensure the information in the file aligns with what's currently in your "
                                + "system; data conflicts can cause processing issues.",
                        "If you've checked the file and everything appears correct, contact support.");
            case VALIDATION ->
                List.of(
                        "Look up the listed records in your student information system and correct the missing or "
                                + "invalid fields; they will sync with the next cycle.",
                        "If the records look correct, contact support.");
            case DESTINATION_CREDENTIALS ->
                List.of("Check the credentials (SFTP username and password or key) configured for this destination; "
                        + "they may have been changed or revoked at the destination.");
            case HOST_KEY_MISMATCH ->
                List.of("Ask the destination whether their server's key changed. If it did, have support update the "
                        + "pinned key; if it did not, contact support at once.");
            case PERMISSION_DENIED, DISK_FULL ->
                List.of("Contact the destination (for example Clever support) to check the SFTP account, then contact "
                        + "support if it persists.");
            case STALE ->
                List.of(
                        "Check the other open sync problems for this district; solving them usually ends this one.",
                        "If there are none, contact support.");
            default -> List.of("Contact support.");
        };
    }
}
