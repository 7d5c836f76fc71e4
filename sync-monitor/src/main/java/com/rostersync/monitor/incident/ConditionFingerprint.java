package com.rostersync.monitor.incident;

import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.ThresholdBreach;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an incident is about, reduced to the content that makes it a different condition for the leaders: the held
 * counts per kind of a hold, the id pairs of an ID churn, file and reason of file failures, the missing school ids,
 * the refused login. The flap guard suppresses a repeat of the same fingerprint only; a different one (a new hold
 * after an approved one, another file failing) is a new condition and is always mailed. Counts that only describe
 * (totals, line numbers, library messages) are left out, so they cannot make a repeat look new. Stored as a short
 * SHA-256 digest, so the state topic does not keep the ids twice.
 */
final class ConditionFingerprint {

    private ConditionFingerprint() {}

    public static String of(OutcomeReason reason, IncidentDetails details) {
        if (details == null) {
            return digest(reason.name());
        }
        String content =
                switch (reason) {
                    case THRESHOLD, UPDATE_THRESHOLD, CREATE_THRESHOLD -> held(details.thresholdBreaches());
                    case ID_CHURN -> held(details.thresholdBreaches()) + " " + idPairs(details);
                    case FILE_FAILED ->
                        sorted(details.fileFailures().stream()
                                .map(f -> f.file() + "|" + f.reason())
                                .toList());
                    case SCHOOLS_NOT_FOUND -> sorted(details.missingSchoolIds());
                    case SOURCE_CREDENTIALS, DESTINATION_CREDENTIALS -> String.valueOf(details.login());
                    case VALIDATION ->
                        sorted(details.validation().stream()
                                .map(v -> v.file() + "|" + String.join(";", new TreeSet<>(v.problems())))
                                .toList());
                    default -> "";
                };
        return digest(reason.name() + "\n" + content);
    }

    private static String held(List<ThresholdBreach> breaches) {
        return sorted(breaches.stream()
                .map(b -> b.entityType() + "/" + b.counted() + "=" + b.toArchive())
                .toList());
    }

    /**
     * The id pairs when the outcome listed them all; when it sent only a sample, the total instead, since which pairs
     * a producer samples may vary from one cycle to the next and must not make a repeat look new.
     */
    private static String idPairs(IncidentDetails details) {
        if (details.idChanges().size() < details.idChangeCount()
                || details.idChanges().size() >= IncidentDetails.MAX_ID_CHANGES) {
            return "changes=" + details.idChangeCount();
        }
        return sorted(
                details.idChanges().stream().map(ConditionFingerprint::pair).toList());
    }

    private static String pair(IdChange change) {
        return change.entityType() + ":" + change.previousSourcedId() + ">" + change.newSourcedId();
    }

    private static String sorted(List<String> values) {
        return new TreeSet<>(values.stream().map(String::valueOf).toList())
                .stream().collect(Collectors.joining(","));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
