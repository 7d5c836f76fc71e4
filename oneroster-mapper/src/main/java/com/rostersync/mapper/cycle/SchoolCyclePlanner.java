package com.rostersync.mapper.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.churn.IdChurnGuard;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SnapshotAssembler;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.mapper.threshold.DeletionThreshold;
import com.rostersync.mapper.validation.RosterValidator;
import com.rostersync.mapper.validation.ValidatedRoster;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.oneroster.OneRosterFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Processes one completed school cycle. Validation decides which records may go out; every published record that would
 * then be missing is an archive at the receiver, and those archives are judged once for the whole school: re-keyed
 * records (IdChurnGuard) and a breached deletion threshold each hold every archive, with the creates that re-key them,
 * until approved. The assembler writes the files, and a snapshot is emitted only when the content hash changed. Always
 * produces the one MAP outcome of the cycle.
 */
public final class SchoolCyclePlanner {

    /** Id pairs an outcome carries as examples; its counts have the total. */
    static final int MAX_ID_CHANGES = 20;

    private final RosterValidator validator = new RosterValidator();
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final SourceSystem source;

    public SchoolCyclePlanner(SourceSystem source) {
        this.source = source;
    }

    public CyclePlan plan(SchoolRoster roster, double thresholdPercent, Instant now) {
        return plan(roster, thresholdPercent, Set.of(), now);
    }

    /** @param emptyOnPurpose the tenant's {@code allowEmpty}: files its source may genuinely leave without rows */
    public CyclePlan plan(SchoolRoster roster, double thresholdPercent, Set<String> emptyOnPurpose, Instant now) {
        Map<RecordKey, RosterRecord> current = roster.current();
        Map<RecordKey, RosterRecord> published = roster.published();
        SchoolMeta meta = roster.meta();

        // What a snapshot without any hold would contain; every published record missing from it is an archive at
        // the receiver, whether the source deleted it or it lost a record it refers to.
        ValidatedRoster unheld = validator.validate(current, published);
        Map<RecordKey, RosterRecord> archives = new TreeMap<>();
        published.forEach((key, record) -> {
            if (!unheld.records().containsKey(key)) {
                archives.put(key, record);
            }
        });
        Map<RecordKey, RosterRecord> creates = new TreeMap<>();
        unheld.records().forEach((key, record) -> {
            if (!published.containsKey(key)) {
                creates.put(key, record);
            }
        });
        List<IdChange> idChanges = IdChurnGuard.match(archives, creates);
        DeletionThreshold.Decision threshold = DeletionThreshold.judge(
                archives, IdChurnGuard.explained(idChanges, archives), published.values(), thresholdPercent);
        boolean hold = threshold.overLimit() || !idChanges.isEmpty();
        HoldApproval.Verdict approval = HoldApproval.judge(meta, hold, archives.size());
        boolean released = approval.released();
        String approvalNote = approval.note();
        boolean holding = hold && !released;
        ValidatedRoster validated = holding ? held(current, published, archives, idChanges) : unheld;
        Map<EntityType, Long> held = holding ? perType(archives) : Map.of();
        long heldCreates = holding
                ? unheld.records().keySet().stream()
                        .filter(key -> !published.containsKey(key)
                                && !validated.records().containsKey(key))
                        .count()
                : 0;
        List<ThresholdBreach> breaches = holding ? threshold.entries() : List.of();
        List<IdChange> reportedChanges =
                holding ? idChanges.stream().limit(MAX_ID_CHANGES).toList() : List.of();
        // A record left out only because what it refers to is archived (or held back) is part of that archive or
        // hold, not a record the SIS sent wrong.
        Set<ValidationIssue> genuine = new HashSet<>(unheld.issues());
        Set<String> archivedRows = new HashSet<>();
        archives.keySet().forEach(key -> archivedRows.add(row(key.type(), key.sourcedId())));
        List<ValidationIssue> issues = validated.issues().stream()
                .filter(issue -> genuine.contains(issue) && !archivedRows.contains(row(issue)))
                .toList();
        long archived = holding ? 0 : archives.size();

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
                    reportedChanges,
                    withSchool,
                    counts(validated, null, meta.version(), held, 0, heldCreates, idChanges.size(), withSchool.size()),
                    "school " + roster.schoolId() + " has no valid school record; nothing emitted");
            return new CyclePlan(Optional.empty(), outcome, published, next);
        }

        List<SnapshotFile> files = assembler.assemble(validated.records().values(), source, emptyOnPurpose);
        String hash = FileSetHash.of(files);
        boolean changed = !hash.equals(meta.contentHash());
        long version = changed ? meta.version() + 1 : meta.version();
        long heldTotal = total(held);
        List<String> sentEmpty = files.stream()
                .filter(file -> file.rows() == 0 && !file.name().equals(OneRosterFile.MANIFEST.fileName()))
                .map(file -> OneRosterFile.byFileName(file.name()).orElseThrow().manifestName())
                .toList();
        Optional<SchoolSnapshot> snapshot = changed
                ? Optional.of(new SchoolSnapshot(
                        SchemaVersion.CURRENT,
                        roster.tenantId(),
                        roster.schoolId(),
                        version,
                        hash,
                        now,
                        files,
                        (int) heldTotal,
                        sentEmpty))
                : Optional.empty();
        SchoolMeta next = HoldApproval.afterCycle(version, hash, held);
        String message = (changed ? "snapshot v" + version + " emitted" : "snapshot v" + version + " unchanged")
                + (archived == 0 ? "" : "; " + archived + " records archived")
                + (released ? " (approved)" : "")
                + (idChanges.isEmpty() || !holding
                        ? ""
                        : "; " + idChanges.size() + " records changed id, held with " + heldCreates + " creates")
                + (breaches.isEmpty() ? "" : "; " + heldTotal + " archives held, nothing archived" + approvalNote)
                + (issues.isEmpty() ? "" : "; " + issues.size() + " validation issues");
        SyncOutcome outcome = outcome(
                roster,
                now,
                breaches,
                reportedChanges,
                issues,
                counts(
                        validated,
                        files,
                        version,
                        held,
                        archived,
                        heldCreates,
                        holding ? idChanges.size() : 0,
                        issues.size()),
                message);
        return new CyclePlan(snapshot, outcome, Map.copyOf(validated.records()), next);
    }

    /**
     * The snapshot while a hold is in place: every archive stays as last published, and the creates that re-key a
     * held record stay out (with whatever refers to them), so the receiver sees neither side of the hold.
     */
    private ValidatedRoster held(
            Map<RecordKey, RosterRecord> current,
            Map<RecordKey, RosterRecord> published,
            Map<RecordKey, RosterRecord> archives,
            List<IdChange> idChanges) {
        Map<RecordKey, RosterRecord> candidates = new HashMap<>(current);
        candidates.putAll(archives);
        idChanges.forEach(change -> candidates.remove(new RecordKey(change.entityType(), change.newSourcedId())));
        ValidatedRoster validated = validator.validate(candidates, published);
        // A kept record may need another kept record's published version to stay valid; a few rounds settle it.
        for (int round = 0; round < 3; round++) {
            Map<RecordKey, RosterRecord> kept = validated.records();
            Map<RecordKey, RosterRecord> missing = new HashMap<>();
            published.forEach((key, record) -> {
                if (!kept.containsKey(key)) {
                    missing.put(key, record);
                }
            });
            if (missing.isEmpty()) {
                break;
            }
            candidates.putAll(missing);
            validated = validator.validate(candidates, published);
        }
        return validated;
    }

    private static String row(EntityType type, String sourcedId) {
        return RosterValidator.fileOf(type) + "\u0000" + sourcedId;
    }

    private static String row(ValidationIssue issue) {
        return issue.file() + "\u0000" + issue.sourcedId();
    }

    private static Map<EntityType, Long> perType(Map<RecordKey, RosterRecord> records) {
        Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
        records.keySet().forEach(key -> counts.merge(key.type(), 1L, Long::sum));
        return counts;
    }

    private static long total(Map<EntityType, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static SyncOutcome outcome(
            SchoolRoster roster,
            Instant now,
            List<ThresholdBreach> breaches,
            List<IdChange> idChanges,
            List<ValidationIssue> issues,
            Map<String, Long> counts,
            String message) {
        OutcomeReason reason = !idChanges.isEmpty()
                ? OutcomeReason.ID_CHURN
                : breaches.stream().anyMatch(ThresholdBreach::exceeds)
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
                counts,
                idChanges);
    }

    private static Map<String, Long> counts(
            ValidatedRoster validated,
            List<SnapshotFile> files,
            long version,
            Map<EntityType, Long> held,
            long archived,
            long heldCreates,
            long idChanges,
            long validationIssues) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (files != null) {
            files.forEach(file -> counts.put(file.name(), (long) file.rows()));
        }
        counts.put("version", version);
        counts.put("archived", archived);
        counts.put("heldDeletions", total(held));
        counts.put("heldCreates", heldCreates);
        counts.put("idChanges", idChanges);
        counts.put("validationIssues", validationIssues);
        return counts;
    }
}
