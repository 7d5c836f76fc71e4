package com.rostersync.mapper.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.command.DiscardHold;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.churn.IdChurnGuard;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SnapshotAssembler;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.mapper.threshold.CreateThreshold;
import com.rostersync.mapper.threshold.DeletionThreshold;
import com.rostersync.mapper.threshold.UpdateThreshold;
import com.rostersync.mapper.validation.RosterValidator;
import com.rostersync.mapper.validation.ValidatedRoster;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.oneroster.OneRosterFile;
import com.rostersync.tenants.Thresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * until approved. Updates and creates are judged the same way by their own thresholds (UpdateThreshold,
 * CreateThreshold): a breach holds every update (records stay as last published) or every create (new records stay
 * out) of the school, while the other changes flow; one approval, counting every held change, releases them all. The assembler writes the files, and a snapshot is emitted only when the content hash changed. Always
 * produces the one MAP outcome of the cycle.
 */
public final class SchoolCyclePlanner {

    /** Id pairs an outcome carries as examples; its counts have the total. */
    static final int MAX_ID_CHANGES = 20;

    private static final DeletionThreshold.Decision NOTHING_HELD = new DeletionThreshold.Decision(false, List.of());

    private final RosterValidator validator = new RosterValidator();
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final SourceSystem source;

    public SchoolCyclePlanner(SourceSystem source) {
        this.source = source;
    }

    public CyclePlan plan(SchoolRoster roster, double thresholdPercent, Instant now) {
        return plan(roster, thresholdPercent, Set.of(), now);
    }

    /** With the default update and create thresholds and an archive threshold of {@code thresholdPercent}. */
    public CyclePlan plan(SchoolRoster roster, double thresholdPercent, Set<String> emptyOnPurpose, Instant now) {
        return plan(roster, Thresholds.archiving(thresholdPercent), emptyOnPurpose, now);
    }

    /**
     * @param thresholds     the school's archive, update and create thresholds
     * @param emptyOnPurpose the tenant's {@code allowEmpty}: files its source may genuinely leave without rows
     */
    public CyclePlan plan(SchoolRoster roster, Thresholds thresholds, Set<String> emptyOnPurpose, Instant now) {
        return plan(roster, thresholds, emptyOnPurpose, now, Map.of());
    }

    /**
     * A cycle planned from part of the school's records ({@link PartialRebuild}): {@code keptFiles} holds the last
     * files of the types left out, which go into the snapshot as they are: by reference (name, rows and content hash)
     * is enough.
     */
    public CyclePlan plan(
            SchoolRoster roster,
            Thresholds thresholds,
            Set<String> emptyOnPurpose,
            Instant now,
            Map<OneRosterFile, SnapshotFile> keptFiles) {
        SchoolMeta meta = roster.meta();
        DiscardHold discard = meta.discardRequested();
        if (discard == null) {
            return plan(roster, meta, thresholds, emptyOnPurpose, now, "", keptFiles)
                    .plan();
        }
        // Judge the hold as it stands, then pin every held record as last published and plan again without it.
        Judged asHeld =
                plan(roster, meta.withDiscarded(meta.discarded()), thresholds, emptyOnPurpose, now, "", keptFiles);
        if (asHeld.heldKeys().isEmpty()) {
            return plan(
                            roster,
                            meta.withDiscarded(meta.discarded()),
                            thresholds,
                            emptyOnPurpose,
                            now,
                            "; nothing held to discard",
                            keptFiles)
                    .plan();
        }
        Set<String> discarded = new HashSet<>(meta.discarded());
        discarded.addAll(asHeld.heldKeys());
        String note = "; " + asHeld.heldKeys().size() + " held changes discarded by " + discard.discardedBy()
                + ", kept as last published until the next full read";
        return plan(roster, meta.withDiscarded(discarded), thresholds, emptyOnPurpose, now, note, keptFiles)
                .plan();
    }

    /** A plan and the records ({@link RecordKey#text()}) whose changes it holds. */
    private record Judged(CyclePlan plan, Set<String> heldKeys) {}

    private Judged plan(
            SchoolRoster roster,
            SchoolMeta meta,
            Thresholds thresholds,
            Set<String> emptyOnPurpose,
            Instant now,
            String discardNote,
            Map<OneRosterFile, SnapshotFile> keptFiles) {
        Map<RecordKey, RosterRecord> published = roster.published();
        Map<RecordKey, RosterRecord> current = pinned(roster.current(), published, meta.discarded());

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
        Map<RecordKey, RosterRecord> updates = new TreeMap<>();
        unheld.records().forEach((key, record) -> {
            RosterRecord before = published.get(key);
            if (before != null && !before.equals(record)) {
                updates.put(key, record);
            }
        });
        List<IdChange> idChanges = IdChurnGuard.match(archives, creates);
        DeletionThreshold.Decision threshold = DeletionThreshold.judge(
                archives, IdChurnGuard.explained(idChanges, archives), published.values(), thresholds.archivePercent());
        DeletionThreshold.Decision updateLimit = UpdateThreshold.judge(
                updates,
                IdChurnGuard.explainedUpdates(idChanges, updates),
                published.values(),
                thresholds.updatePercent());
        Set<RecordKey> rekeyed = new HashSet<>();
        idChanges.forEach(change -> rekeyed.add(new RecordKey(change.entityType(), change.newSourcedId())));
        DeletionThreshold.Decision createLimit = thresholds.limitsCreates()
                ? CreateThreshold.judge(creates, rekeyed, published.values(), thresholds.createPercent())
                : NOTHING_HELD;
        boolean archiveHold = threshold.overLimit() || !idChanges.isEmpty();
        boolean updateHold = updateLimit.overLimit();
        boolean createHold = createLimit.overLimit();
        boolean hold = archiveHold || updateHold || createHold;
        long heldChanges = (archiveHold ? archives.size() : 0)
                + (updateHold ? updates.size() : 0)
                + (createHold ? creates.size() : 0);
        HoldApproval.Verdict approval = HoldApproval.judge(meta, hold, heldChanges);
        boolean released = approval.released();
        String approvalNote = approval.note();
        boolean holding = hold && !released;
        boolean holdingArchives = holding && archiveHold;
        boolean holdingUpdates = holding && updateHold;
        boolean holdingCreates = holding && createHold;
        ValidatedRoster validated = holding
                ? held(
                        current,
                        published,
                        holdingArchives ? archives : Map.of(),
                        holdingArchives ? idChanges : List.of(),
                        holdingUpdates ? updates.keySet() : Set.of(),
                        holdingCreates ? creates.keySet() : Set.of())
                : unheld;
        Map<EntityType, Long> held = holdingArchives ? perType(archives) : Map.of();
        long heldCreates = holding
                ? unheld.records().keySet().stream()
                        .filter(key -> !published.containsKey(key)
                                && !validated.records().containsKey(key))
                        .count()
                : 0;
        long heldUpdates = holdingUpdates ? updates.size() : 0;
        List<ThresholdBreach> breaches = new ArrayList<>();
        if (holdingArchives) {
            breaches.addAll(threshold.entries());
        }
        if (holdingUpdates) {
            breaches.addAll(updateLimit.entries());
        }
        if (holdingCreates) {
            breaches.addAll(createLimit.entries());
        }
        List<IdChange> reportedChanges =
                holdingArchives ? idChanges.stream().limit(MAX_ID_CHANGES).toList() : List.of();
        Set<String> heldKeys = new HashSet<>();
        if (holdingArchives) {
            archives.keySet().forEach(key -> heldKeys.add(key.text()));
            idChanges.forEach(change -> heldKeys.add(new RecordKey(change.entityType(), change.newSourcedId()).text()));
        }
        if (holdingUpdates) {
            updates.keySet().forEach(key -> heldKeys.add(key.text()));
        }
        if (holdingCreates) {
            creates.keySet().forEach(key -> heldKeys.add(key.text()));
        }
        // A record left out only because what it refers to is archived (or held back) is part of that archive or
        // hold, not a record the SIS sent wrong.
        Set<ValidationIssue> genuine = new HashSet<>(unheld.issues());
        Set<String> archivedRows = new HashSet<>();
        archives.keySet().forEach(key -> archivedRows.add(row(key.type(), key.sourcedId())));
        List<ValidationIssue> issues = validated.issues().stream()
                .filter(issue -> genuine.contains(issue) && !archivedRows.contains(row(issue)))
                .toList();
        long archived = published.keySet().stream()
                .filter(key -> !validated.records().containsKey(key))
                .count();

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
                            meta.version(),
                            meta.contentHash(),
                            meta.holdApproved(),
                            held,
                            false,
                            meta.approvedDeletions())
                    .withHeldChanges(heldUpdates, holdingCreates ? heldCreates : 0)
                    .withDiscarded(meta.discarded());
            SyncOutcome outcome = outcome(
                    roster,
                    now,
                    breaches,
                    reportedChanges,
                    withSchool,
                    counts(
                            validated,
                            null,
                            meta.version(),
                            held,
                            0,
                            heldCreates,
                            heldUpdates,
                            idChanges.size(),
                            withSchool.size()),
                    "school " + roster.schoolId() + " has no valid school record; nothing emitted" + discardNote);
            return new Judged(new CyclePlan(Optional.empty(), outcome, published, next, List.of()), heldKeys);
        }

        // Each file is named by its own hash, the set by theirs: a kept file's text is neither loaded nor hashed again.
        List<SnapshotFile> files =
                assembler.assemble(validated.records().values(), source, emptyOnPurpose, keptFiles).stream()
                        .map(FileSetHash::withContentHash)
                        .toList();
        String hash = FileSetHash.ofFileHashes(files);
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
        SchoolMeta next = HoldApproval.afterCycle(version, hash, held)
                .withHeldChanges(heldUpdates, holdingCreates ? heldCreates : 0)
                .withDiscarded(meta.discarded());
        String message = (changed ? "snapshot v" + version + " emitted" : "snapshot v" + version + " unchanged")
                + (archived == 0 ? "" : "; " + archived + " records archived")
                + (released ? " (approved)" : "")
                + (idChanges.isEmpty() || !holdingArchives
                        ? ""
                        : "; " + idChanges.size() + " records changed id, held with " + heldCreates + " creates")
                + (holdingArchives && !threshold.entries().isEmpty()
                        ? "; " + heldTotal + " archives held, nothing archived"
                        : "")
                + (holdingUpdates ? "; " + heldUpdates + " updates held, records stay as last published" : "")
                + (holdingCreates ? "; " + heldCreates + " creates held, new records stay out" : "")
                + (holding ? approvalNote : "")
                + (issues.isEmpty() ? "" : "; " + issues.size() + " validation issues")
                + discardNote;
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
                        heldUpdates,
                        holdingArchives ? idChanges.size() : 0,
                        issues.size()),
                message);
        // Not Map.copyOf: its table compares keys by equals() alone, and looking up a school's thousands of published
        // records in it was 8.5% of the mapper's samples in a 1% change (run P2, docs/benchmarks.md).
        Map<RecordKey, RosterRecord> nextPublished = Collections.unmodifiableMap(new HashMap<>(validated.records()));
        return new Judged(new CyclePlan(snapshot, outcome, nextPublished, next, files), heldKeys);
    }

    /**
     * What the source holds, with every record whose held change was discarded put back as last published (or left
     * out, for a discarded create): the receiver keeps seeing it as it is until a full read proposes the change again.
     */
    private static Map<RecordKey, RosterRecord> pinned(
            Map<RecordKey, RosterRecord> current, Map<RecordKey, RosterRecord> published, Set<String> discarded) {
        if (discarded.isEmpty()) {
            return current;
        }
        Map<RecordKey, RosterRecord> pinned = new HashMap<>(current);
        current.keySet().stream()
                .filter(key -> discarded.contains(key.text()) && !published.containsKey(key))
                .forEach(pinned::remove);
        published.forEach((key, record) -> {
            if (discarded.contains(key.text())) {
                pinned.put(key, record);
            }
        });
        return pinned;
    }

    /**
     * The snapshot while a hold is in place: every archive stays as last published, and the creates that re-key a
     * held record stay out (with whatever refers to them), so the receiver sees neither side of the hold.
     */
    private ValidatedRoster held(
            Map<RecordKey, RosterRecord> current,
            Map<RecordKey, RosterRecord> published,
            Map<RecordKey, RosterRecord> archives,
            List<IdChange> idChanges,
            Set<RecordKey> heldUpdates,
            Set<RecordKey> heldCreates) {
        Map<RecordKey, RosterRecord> candidates = new HashMap<>(current);
        candidates.putAll(archives);
        idChanges.forEach(change -> candidates.remove(new RecordKey(change.entityType(), change.newSourcedId())));
        heldUpdates.forEach(key -> candidates.put(key, published.get(key)));
        heldCreates.forEach(candidates::remove);
        ValidatedRoster validated = validator.validate(candidates, published);
        if (archives.isEmpty()) {
            // Archives flow: a published record missing now is a real archive, not one to keep.
            return validated;
        }
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
                : exceeds(breaches, ChangeAction.ARCHIVED)
                        ? OutcomeReason.THRESHOLD
                        : exceeds(breaches, ChangeAction.UPDATED)
                                ? OutcomeReason.UPDATE_THRESHOLD
                                : exceeds(breaches, ChangeAction.CREATED)
                                        ? OutcomeReason.CREATE_THRESHOLD
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

    private static boolean exceeds(List<ThresholdBreach> breaches, ChangeAction action) {
        return breaches.stream().anyMatch(b -> b.heldAction() == action && b.exceeds());
    }

    private static Map<String, Long> counts(
            ValidatedRoster validated,
            List<SnapshotFile> files,
            long version,
            Map<EntityType, Long> held,
            long archived,
            long heldCreates,
            long heldUpdates,
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
        counts.put("heldUpdates", heldUpdates);
        counts.put("idChanges", idChanges);
        counts.put("validationIssues", validationIssues);
        return counts;
    }
}
