package com.rostersync.mapper.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.roster.SchoolRoster;
import com.rostersync.mapper.snapshot.SourceSystem;
import com.rostersync.tenants.Thresholds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cycle planned from the changed types and the last files must be the cycle planned from every record, or not be
 * used at all. Checked by comparison: a school with every type, published clean, then random updates of random fields
 * (new values, blanks, nulls, ids of other records and of none, other users' usernames, shifted dates, extension
 * columns, most users renamed at once), planned both ways.
 */
class PartialRebuildTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final int TRIALS = 400;

    private final SchoolCyclePlanner planner = new SchoolCyclePlanner(new SourceSystem("RosterSync", "rs"));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCycleFromTheChangedTypesIsUsedOnlyWhenItIsTheCycleFromEveryRecord() {
        Random random = new Random(20261203L);
        Map<RecordKey, RosterRecord> base = school();
        CyclePlan first =
                planner.plan(roster(base, Map.of(), SchoolMeta.initial()), Thresholds.DEFAULTS, Set.of(), NOW);
        assertThat(PartialRebuild.publishesAsCurrent(first, roster(base, Map.of(), SchoolMeta.initial())))
                .isTrue();
        int used = 0;
        int refused = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Map<RecordKey, RosterRecord> current = new HashMap<>(base);
            Set<EntityType> changed = EnumSet.noneOf(EntityType.class);
            if (random.nextInt(10) == 0) {
                renameMostUsers(current, changed, trial);
            } else {
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    mutateOne(current, changed, random);
                }
            }
            Set<String> emptyOnPurpose = random.nextBoolean() ? Set.of() : Set.of("demographics", "courses");
            SchoolRoster all = roster(current, first.published(), first.meta());
            CyclePlan full = planner.plan(all, Thresholds.DEFAULTS, emptyOnPurpose, NOW);

            Set<EntityType> load = PartialRebuild.typesToLoad(changed);
            SchoolRoster part =
                    roster(only(current, load::contains), only(first.published(), load::contains), first.meta());
            CyclePlan partial = planner.plan(
                    part, Thresholds.DEFAULTS, emptyOnPurpose, NOW, PartialRebuild.keptFiles(first.files(), load));

            String context = "trial " + trial + ", changed " + changed + ": "
                    + full.outcome().message();
            if (PartialRebuild.acceptable(partial, part)) {
                used++;
                assertSamePlan(partial, full, load, first, context);
            } else {
                refused++;
                assertThat(PartialRebuild.publishesAsCurrent(full, all))
                        .as("a clean cycle is found clean from its changed types too, " + context)
                        .isFalse();
            }
        }
        // Both ways must really be taken, or the comparison proves nothing.
        assertThat(used).as("cycles planned from the changed types").isGreaterThan(TRIALS / 5);
        assertThat(refused).as("cycles planned again from every record").isGreaterThan(TRIALS / 5);
    }

    @Test
    void theTypesLoadedAreTheChangedOnesAndWhatTheyReferToAndTheSchool() {
        assertThat(PartialRebuild.typesToLoad(Set.of(EntityType.PERSON)))
                .containsExactlyInAnyOrder(EntityType.PERSON, EntityType.SCHOOL);
        assertThat(PartialRebuild.typesToLoad(Set.of(EntityType.ENROLLMENT)))
                .containsExactlyInAnyOrder(
                        EntityType.ENROLLMENT,
                        EntityType.SECTION,
                        EntityType.COURSE,
                        EntityType.TERM,
                        EntityType.PERSON,
                        EntityType.SCHOOL);
        assertThat(PartialRebuild.typesToLoad(Set.of())).containsExactly(EntityType.SCHOOL);
    }

    @Test
    void aCreateOrAnArchiveIsNeverAcceptedFromPartOfTheRecords() {
        Map<RecordKey, RosterRecord> base = school();
        CyclePlan first =
                planner.plan(roster(base, Map.of(), SchoolMeta.initial()), Thresholds.DEFAULTS, Set.of(), NOW);
        Set<EntityType> load = PartialRebuild.typesToLoad(Set.of(EntityType.PERSON));

        Map<RecordKey, RosterRecord> withNewStudent = new HashMap<>(only(base, load::contains));
        Person added = Fixtures.student("S-NEW", "New", "Student");
        withNewStudent.put(new RecordKey(EntityType.PERSON, "S-NEW"), added);
        SchoolRoster created = roster(withNewStudent, only(first.published(), load::contains), first.meta());
        CyclePlan create = planner.plan(
                created, Thresholds.DEFAULTS, Set.of(), NOW, PartialRebuild.keptFiles(first.files(), load));

        Map<RecordKey, RosterRecord> withoutParent = new HashMap<>(only(base, load::contains));
        withoutParent.remove(new RecordKey(EntityType.PERSON, "P-1"));
        SchoolRoster archived = roster(withoutParent, only(first.published(), load::contains), first.meta());
        CyclePlan archive = planner.plan(
                archived, Thresholds.DEFAULTS, Set.of(), NOW, PartialRebuild.keptFiles(first.files(), load));

        assertThat(create.outcome().reason()).isEqualTo(OutcomeReason.SNAPSHOT_READY);
        assertThat(PartialRebuild.acceptable(create, created)).isFalse();
        assertThat(PartialRebuild.acceptable(archive, archived)).isFalse();
    }

    private void assertSamePlan(
            CyclePlan partial, CyclePlan full, Set<EntityType> load, CyclePlan first, String context) {
        assertThat(partial.snapshot()).as(context).isEqualTo(full.snapshot());
        assertThat(partial.files()).as(context).isEqualTo(full.files());
        assertThat(partial.meta()).as(context).isEqualTo(full.meta());
        assertThat(comparable(partial.outcome())).as(context).isEqualTo(comparable(full.outcome()));
        assertThat(partial.published()).as(context).isEqualTo(only(full.published(), load::contains));
        assertThat(only(full.published(), type -> !load.contains(type)))
                .as("records of the types not loaded go out as last published, " + context)
                .isEqualTo(only(first.published(), type -> !load.contains(type)));
    }

    /** The outcome without its random id. */
    private static SyncOutcome comparable(SyncOutcome outcome) {
        return new SyncOutcome(
                outcome.schemaVersion(),
                null,
                outcome.occurredAt(),
                outcome.stage(),
                outcome.reason(),
                outcome.tenantId(),
                outcome.schoolIds(),
                outcome.destinationId(),
                outcome.message(),
                outcome.missingSchoolIds(),
                outcome.fileFailures(),
                outcome.thresholdBreaches(),
                outcome.validationIssues(),
                outcome.counts(),
                outcome.idChanges(),
                outcome.tenantCycle(),
                outcome.schemaMinor());
    }

    /** The fixture school and twenty more students, their enrollments and demographics, some with extension columns. */
    private static Map<RecordKey, RosterRecord> school() {
        List<RosterRecord> extra = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = String.format("S-%03d", 100 + i);
            Person student = Fixtures.student(id, "Given " + i, "Family " + i);
            extra.add(i % 3 == 0 ? Fixtures.withMetadata(student, Map.of("house", "H" + i % 4)) : student);
            extra.add(Fixtures.enrollment("E-" + id + "-1", "SEC-1", id, Role.STUDENT, null));
            extra.add(Fixtures.enrollment("E-" + id + "-2", "SEC-2", id, Role.STUDENT, i % 2 == 0));
            if (i % 2 == 0) {
                extra.add(Fixtures.demographics(id));
            }
        }
        return Fixtures.school(extra);
    }

    private static SchoolRoster roster(
            Map<RecordKey, RosterRecord> current, Map<RecordKey, RosterRecord> published, SchoolMeta meta) {
        SchoolRoster roster = new SchoolRoster(Fixtures.TENANT, Fixtures.SCHOOL);
        roster.current().putAll(current);
        roster.published().putAll(published);
        roster.meta(meta);
        return roster;
    }

    private static Map<RecordKey, RosterRecord> only(
            Map<RecordKey, RosterRecord> records, Predicate<EntityType> types) {
        Map<RecordKey, RosterRecord> some = new HashMap<>();
        records.forEach((key, record) -> {
            if (types.test(key.type())) {
                some.put(key, record);
            }
        });
        return some;
    }

    /** More users renamed in one cycle than the update threshold lets through. */
    private void renameMostUsers(Map<RecordKey, RosterRecord> current, Set<EntityType> changed, int trial) {
        current.replaceAll((key, record) -> {
            if (!(record instanceof Person person) || person.sourcedId().endsWith("7")) {
                return record;
            }
            ObjectNode tree = (ObjectNode) json.valueToTree(record);
            tree.put("givenName", person.givenName() + " " + trial);
            return json.treeToValue(tree, RosterRecord.class);
        });
        changed.add(EntityType.PERSON);
    }

    /** One field of one record (never the school's) set to another value, as a source might send it. */
    private void mutateOne(Map<RecordKey, RosterRecord> current, Set<EntityType> changed, Random random) {
        List<RecordKey> keys = current.keySet().stream()
                .filter(key -> key.type() != EntityType.SCHOOL)
                .sorted()
                .toList();
        RecordKey key = keys.get(random.nextInt(keys.size()));
        ObjectNode tree = (ObjectNode) json.valueToTree(current.get(key));
        List<String> fields = new ArrayList<>();
        tree.propertyNames().forEach(name -> {
            if (!name.equals("entity") && !name.equals("sourcedId")) {
                fields.add(name);
            }
        });
        fields.add("metadata");
        String field = fields.get(random.nextInt(fields.size()));
        mutateField(tree, field, current, random);
        RosterRecord next;
        try {
            next = json.treeToValue(tree, RosterRecord.class);
        } catch (RuntimeException notARecord) {
            return;
        }
        if (!next.equals(current.get(key))) {
            current.put(key, next);
            changed.add(key.type());
        }
    }

    private static void mutateField(
            ObjectNode tree, String field, Map<RecordKey, RosterRecord> current, Random random) {
        JsonNode value = tree.get(field);
        List<String> ids = new ArrayList<>(
                current.keySet().stream().map(RecordKey::sourcedId).sorted().toList());
        ids.add("GHOST");
        List<String> usernames = current.values().stream()
                .filter(Person.class::isInstance)
                .map(record -> ((Person) record).username())
                .filter(Objects::nonNull)
                .sorted()
                .toList();
        String someId = ids.get(random.nextInt(ids.size()));
        if (field.equals("metadata")) {
            ObjectNode metadata = tree.putObject("metadata");
            metadata.put(random.nextBoolean() ? "house" : "lunch", "v" + random.nextInt(3));
        } else if (value == null || value.isNull()) {
            tree.put(field, random.nextBoolean() ? someId : "");
        } else if (value.isArray()) {
            switch (random.nextInt(3)) {
                case 0 -> ((ArrayNode) value).add(someId);
                case 1 -> tree.putArray(field);
                default -> tree.putArray(field).add(random.nextBoolean() ? "13" : "");
            }
        } else if (value.isBoolean()) {
            tree.put(field, !value.booleanValue());
        } else if (value.isNumber()) {
            tree.put(field, random.nextBoolean() ? value.intValue() + 1 : 0);
        } else if (value.isString() && value.stringValue().matches("\\d{4}-\\d{2}-\\d{2}")) {
            LocalDate date = LocalDate.parse(value.stringValue());
            tree.put(field, date.plusDays(random.nextInt(800) - 400).toString());
        } else if (value.isString()) {
            switch (random.nextInt(5)) {
                case 0 -> tree.put(field, value.stringValue() + " (new)");
                case 1 -> tree.put(field, "  ");
                case 2 -> tree.putNull(field);
                case 3 -> tree.put(field, someId);
                default -> tree.put(field, usernames.get(random.nextInt(usernames.size())));
            }
        } else if (value.isObject()) {
            ((ObjectNode) value).put("SIS", "x" + random.nextInt(5));
        }
    }
}
