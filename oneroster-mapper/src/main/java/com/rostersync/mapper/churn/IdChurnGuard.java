package com.rostersync.mapper.churn;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.Section;
import com.rostersync.mapper.roster.RecordKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Catches a re-keyed SIS: a record about to be archived and a new record that is the same person or class under a new
 * sourcedId (same username, identifier or e-mail for users; same class code in the same school for classes). Sent
 * through, a receiver would create a second account for every such student before archiving the first, so both sides
 * are held together until an operator approves them.
 */
public final class IdChurnGuard {

    private static final List<NaturalKey> USER_KEYS = List.of(
            new NaturalKey("username", record -> ((Person) record).username()),
            new NaturalKey("identifier", record -> ((Person) record).identifier()),
            new NaturalKey("email", record -> ((Person) record).email()));
    private static final List<NaturalKey> CLASS_KEYS = List.of(new NaturalKey("classCode", record -> {
        Section section = (Section) record;
        return section.classCode() == null || section.classCode().isBlank()
                ? null
                : section.schoolSourcedId() + "\u0000" + section.classCode();
    }));

    private IdChurnGuard() {}

    /**
     * @param archives published versions of the records the next snapshot would no longer contain
     * @param creates  records the next snapshot would contain for the first time
     * @return one pair per created record that matches an archived one, each archived record used at most once
     */
    public static List<IdChange> match(Map<RecordKey, RosterRecord> archives, Map<RecordKey, RosterRecord> creates) {
        List<IdChange> changes = new ArrayList<>();
        changes.addAll(match(archives, creates, Person.class, USER_KEYS));
        changes.addAll(match(archives, creates, Section.class, CLASS_KEYS));
        return changes;
    }

    /**
     * The updates a re-key explains: records that changed only to follow a re-keyed record to its new id (an enrollment
     * of a re-keyed student or class, a user whose agent was re-keyed). They belong to the re-key's hold, not to the
     * update threshold.
     */
    public static Set<RecordKey> explainedUpdates(List<IdChange> changes, Map<RecordKey, RosterRecord> updates) {
        Set<String> newIds = new HashSet<>();
        changes.forEach(change -> newIds.add(change.newSourcedId()));
        Set<RecordKey> explained = new HashSet<>();
        if (newIds.isEmpty()) {
            return explained;
        }
        updates.forEach((key, record) -> {
            boolean follows = record instanceof Enrollment e
                            && (newIds.contains(e.personSourcedId()) || newIds.contains(e.sectionSourcedId()))
                    || record instanceof Person p
                            && p.agentSourcedIds() != null
                            && p.agentSourcedIds().stream().anyMatch(newIds::contains);
            if (follows) {
                explained.add(key);
            }
        });
        return explained;
    }

    /**
     * The archives a re-key explains: the re-keyed records themselves and the archived records that refer to them (a
     * re-keyed student's old enrollments and demographics).
     */
    public static Set<RecordKey> explained(List<IdChange> changes, Map<RecordKey, RosterRecord> archives) {
        Set<String> people = new HashSet<>();
        Set<String> classes = new HashSet<>();
        Set<RecordKey> explained = new HashSet<>();
        for (IdChange change : changes) {
            explained.add(new RecordKey(change.entityType(), change.previousSourcedId()));
            (change.entityType() == EntityType.PERSON ? people : classes).add(change.previousSourcedId());
        }
        archives.forEach((key, record) -> {
            boolean dependent = record instanceof Enrollment e
                            && (people.contains(e.personSourcedId()) || classes.contains(e.sectionSourcedId()))
                    || record instanceof Demographics d && people.contains(d.sourcedId());
            if (dependent) {
                explained.add(key);
            }
        });
        return explained;
    }

    private static List<IdChange> match(
            Map<RecordKey, RosterRecord> archives,
            Map<RecordKey, RosterRecord> creates,
            Class<? extends RosterRecord> type,
            List<NaturalKey> keys) {
        Map<String, Map<String, RosterRecord>> archivedByKey = new HashMap<>();
        for (RosterRecord archived : new TreeMap<>(archives).values()) {
            if (!type.isInstance(archived)) {
                continue;
            }
            for (NaturalKey key : keys) {
                String value = key.of(archived);
                if (value != null) {
                    archivedByKey
                            .computeIfAbsent(key.field(), f -> new HashMap<>())
                            .putIfAbsent(value, archived);
                }
            }
        }
        List<IdChange> changes = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RosterRecord created : new TreeMap<>(creates).values()) {
            if (!type.isInstance(created)) {
                continue;
            }
            for (NaturalKey key : keys) {
                String value = key.of(created);
                RosterRecord archived = value == null
                        ? null
                        : archivedByKey.getOrDefault(key.field(), Map.of()).get(value);
                if (archived != null && used.add(archived.sourcedId())) {
                    changes.add(
                            new IdChange(created.entityType(), archived.sourcedId(), created.sourcedId(), key.field()));
                    break;
                }
            }
        }
        return changes;
    }

    /** A field that identifies a record apart from its sourcedId, compared trimmed and case-insensitively. */
    private record NaturalKey(String field, Function<RosterRecord, String> value) {

        String of(RosterRecord record) {
            String raw = value.apply(record);
            return raw == null || raw.isBlank() ? null : raw.strip().toLowerCase(Locale.ROOT);
        }
    }
}
