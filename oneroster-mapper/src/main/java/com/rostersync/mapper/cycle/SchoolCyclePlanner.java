package com.rostersync.mapper.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SnapshotAssembler;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.mapper.threshold.DeletionThreshold;
import com.rostersync.mapper.validation.RosterValidator;
import com.rostersync.mapper.validation.ValidatedRoster;
import com.rostersync.oneroster.FileSetHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Processes one completed school cycle, in the order issue 4 asks: the deletion threshold decides which deletions are
 * held (held records stay), validation decides which records may go out, the assembler writes the files, and a
 * snapshot is emitted only when the content hash changed. Always produces the one MAP outcome of the cycle.
 */
public final class SchoolCyclePlanner {

    private final RosterValidator validator = new RosterValidator();
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final SourceSystem source;

    public SchoolCyclePlanner(SourceSystem source) {
        this.source = source;
    }

    public CyclePlan plan(SchoolRoster roster, double thresholdPercent, Instant now) {
        Map<RecordKey, RosterRecord> current = roster.current();
        Map<RecordKey, RosterRecord> published = roster.published();
        SchoolMeta meta = roster.meta();

        Map<EntityType, Set<String>> deletions = new EnumMap<>(EntityType.class);
        published.keySet().stream().filter(key -> !current.containsKey(key)).forEach(key -> deletions
                .computeIfAbsent(key.type(), t -> new TreeSet<>())
                .add(key.sourcedId()));
        DeletionThreshold.Decision unapproved =
                DeletionThreshold.decide(deletions, roster.publishedCounts(), thresholdPercent, false);
        long wouldHold = total(unapproved.heldCounts());
        boolean released = meta.approvalCovers(wouldHold);
        // An approval for fewer deletions than are now held releases nothing: nobody saw the others.
        String approvalNote = meta.holdApproved() && !released
                ? "; an approval for " + meta.approvedDeletions() + " deletions did not cover the " + wouldHold
                        + " now held, so they stay held until approved again"
                : "";
        DeletionThreshold.Decision decision = released
                ? DeletionThreshold.decide(deletions, roster.publishedCounts(), thresholdPercent, true)
                : unapproved;

        Map<RecordKey, RosterRecord> candidates = new HashMap<>(current);
        decision.held()
                .forEach((type, ids) -> ids.forEach(id -> {
                    RecordKey key = new RecordKey(type, id);
                    candidates.put(key, published.get(key));
                }));
        ValidatedRoster validated = validator.validate(candidates, published);
        List<ThresholdBreach> breaches = decision.breaches();
        List<ValidationIssue> issues = validated.issues();
        Map<EntityType, Long> held = decision.heldCounts();

        boolean schoolPresent = validated.records().values().stream()
                .anyMatch(r -> r instanceof School && r.sourcedId().equals(roster.schoolId()));
        if (!schoolPresent) {
            List<ValidationIssue> withSchool = new ArrayList<>(issues);
            withSchool.add(new ValidationIssue(
                    "orgs.csv",
                    roster.schoolId(),
                    "sourcedId",
                    "the school itself is missing or invalid; no snapshot is emitted"));
            SchoolMeta next = new SchoolMeta(
                    meta.version(), meta.contentHash(), meta.holdApproved(), held, false, meta.approvedDeletions());
            SyncOutcome outcome = outcome(
                    roster,
                    now,
                    breaches,
                    withSchool,
                    counts(validated, null, meta.version(), held),
                    "school " + roster.schoolId() + " has no valid school record; nothing emitted");
            return new CyclePlan(Optional.empty(), outcome, published, next);
        }

        List<SnapshotFile> files = assembler.assemble(validated.records().values(), source);
        String hash = FileSetHash.of(files);
        boolean changed = !hash.equals(meta.contentHash());
        long version = changed ? meta.version() + 1 : meta.version();
        long heldTotal = total(held);
        Optional<SchoolSnapshot> snapshot = changed
                ? Optional.of(new SchoolSnapshot(
                        SchemaVersion.CURRENT, roster.tenantId(), roster.schoolId(), version, hash, now, files, (int)
                                heldTotal))
                : Optional.empty();
        SchoolMeta next = new SchoolMeta(version, hash, false, held, false, null);
        String message = (changed ? "snapshot v" + version + " emitted" : "snapshot v" + version + " unchanged")
                + (breaches.isEmpty() ? "" : "; " + heldTotal + " deletions held by the threshold" + approvalNote)
                + (issues.isEmpty() ? "" : "; " + issues.size() + " validation issues");
        SyncOutcome outcome = outcome(roster, now, breaches, issues, counts(validated, files, version, held), message);
        return new CyclePlan(snapshot, outcome, Map.copyOf(validated.records()), next);
    }

    private static long total(Map<EntityType, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static SyncOutcome outcome(
            SchoolRoster roster,
            Instant now,
            List<ThresholdBreach> breaches,
            List<ValidationIssue> issues,
            Map<String, Long> counts,
            String message) {
        OutcomeReason reason = !breaches.isEmpty()
                ? OutcomeReason.THRESHOLD
                : !issues.isEmpty() ? OutcomeReason.VALIDATION : OutcomeReason.SNAPSHOT_READY;
        return new SyncOutcome(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                now,
                Stage.MAP,
                reason,
                roster.tenantId(),
                List.of(roster.schoolId()),
                null,
                message,
                List.of(),
                List.of(),
                breaches,
                issues,
                counts);
    }

    private static Map<String, Long> counts(
            ValidatedRoster validated, List<SnapshotFile> files, long version, Map<EntityType, Long> held) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (files != null) {
            files.forEach(file -> counts.put(file.name(), (long) file.rows()));
        }
        counts.put("version", version);
        counts.put(
                "heldDeletions",
                held.values().stream().mapToLong(Long::longValue).sum());
        counts.put("validationIssues", (long) validated.issues().size());
        return counts;
    }
}
