package com.rostersync.mapper.validation;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.ValidationIssue;
import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.mapper.roster.RecordKey;
import com.rostersync.mapper.snapshot.SnapshotAssembler;
import com.rostersync.mapper.snapshot.Vocabulary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which records may go into a snapshot. A record whose current
 * version breaks a rule (required field, vocabulary, duplicate sourcedId, reference that does not resolve) is left
 * out with an issue naming file, sourcedId and field, never a value; if its last published version is still valid,
 * that version stays instead. References are re-checked until nothing changes, so leaving a record out also leaves
 * out whatever depends on it and no snapshot ever carries a dangling reference.
 */
public final class RosterValidator {

    /**
     * @param candidates the records the snapshot should contain
     * @param lastValid  the versions of the last published snapshot, used when a candidate turned invalid
     */
    public ValidatedRoster validate(Map<RecordKey, RosterRecord> candidates, Map<RecordKey, RosterRecord> lastValid) {
        // The records need no order, only the issues do: a hash map, and only the keys with issues are sorted (tree
        // maps were a fifth of the mapper's samples in run Z's profile of a 1% change, docs/benchmarks.md).
        Set<ValidationIssue> issues = new LinkedHashSet<>();
        Map<RecordKey, RosterRecord> chosen = new HashMap<>(capacityFor(candidates.size()));
        List<RecordKey> invalid = new ArrayList<>();
        candidates.forEach((key, current) -> {
            if (fieldProblems(current).isEmpty()) {
                chosen.put(key, current);
            } else {
                invalid.add(key);
            }
        });
        invalid.sort(null);
        for (RecordKey key : invalid) {
            RosterRecord current = candidates.get(key);
            issues.addAll(fieldProblems(current));
            RosterRecord previous = lastValid.get(key);
            if (previous != null
                    && !previous.equals(current)
                    && fieldProblems(previous).isEmpty()) {
                chosen.put(key, previous);
            }
        }
        removeDuplicates(chosen, issues);
        removeSharedUsernames(chosen, lastValid, issues);
        resolveReferences(chosen, lastValid, issues);
        return new ValidatedRoster(chosen, List.copyOf(issues));
    }

    /** A row of a file, by its sourcedId: a record rather than a joined string, so no key is built per record. */
    private record FileAndId(String file, String sourcedId) {}

    /** Two records of one file with the same sourcedId: neither is trustworthy, both are left out. */
    private static void removeDuplicates(Map<RecordKey, RosterRecord> chosen, Set<ValidationIssue> issues) {
        Map<FileAndId, RecordKey> firstWithId = new HashMap<>(capacityFor(chosen.size()));
        Set<RecordKey> drop = new HashSet<>();
        Set<String> schoolIds = new HashSet<>();
        for (Map.Entry<RecordKey, RosterRecord> entry : chosen.entrySet()) {
            RosterRecord record = entry.getValue();
            RecordKey earlier =
                    firstWithId.putIfAbsent(new FileAndId(file(record), record.sourcedId()), entry.getKey());
            if (earlier != null) {
                drop.add(earlier);
                drop.add(entry.getKey());
            }
            if (record instanceof School) {
                schoolIds.add(record.sourcedId());
            }
        }
        List<RecordKey> schoolsAsDistricts = new ArrayList<>();
        chosen.forEach((key, record) -> {
            if (record instanceof School school && schoolIds.contains(school.districtSourcedId())) {
                schoolsAsDistricts.add(key);
            }
        });
        schoolsAsDistricts.sort(null);
        for (RecordKey key : schoolsAsDistricts) {
            issues.add(
                    issue(chosen.get(key), "districtSourcedId", "duplicate sourcedId: the district id is a school's"));
            drop.add(key);
        }
        for (RecordKey key : sorted(drop)) {
            issues.add(issue(chosen.get(key), "sourcedId", "duplicate sourcedId"));
        }
        chosen.keySet().removeAll(drop);
    }

    /**
     * A username names one account at the receiver: two users sharing one would be two accounts fighting over a login.
     * The user who already had it in the last published snapshot keeps it; the others are left out (all of them when
     * none had it).
     */
    private static void removeSharedUsernames(
            Map<RecordKey, RosterRecord> chosen, Map<RecordKey, RosterRecord> lastValid, Set<ValidationIssue> issues) {
        Map<String, List<RecordKey>> byUsername = new HashMap<>();
        chosen.forEach((key, record) -> {
            if (record instanceof Person person && person.username() != null) {
                byUsername
                        .computeIfAbsent(person.username().strip().toLowerCase(Locale.ROOT), u -> new ArrayList<>())
                        .add(key);
            }
        });
        for (Map.Entry<String, List<RecordKey>> shared : byUsername.entrySet()) {
            if (shared.getValue().size() < 2) {
                continue;
            }
            shared.getValue().sort(null);
            RecordKey keeper = shared.getValue().stream()
                    .filter(key -> lastValid.get(key) instanceof Person before
                            && before.username() != null
                            && before.username()
                                    .strip()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(shared.getKey()))
                    .findFirst()
                    .orElse(null);
            for (RecordKey key : shared.getValue()) {
                if (!key.equals(keeper)) {
                    issues.add(issue(chosen.remove(key), "username", "the same username as another user"));
                }
            }
        }
    }

    private static void resolveReferences(
            Map<RecordKey, RosterRecord> chosen, Map<RecordKey, RosterRecord> lastValid, Set<ValidationIssue> issues) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Index index = Index.of(chosen.values());
            Map<RecordKey, RosterRecord> replace = new HashMap<>();
            Set<RecordKey> remove = new HashSet<>();
            List<RecordKey> dangling = new ArrayList<>();
            chosen.forEach((key, record) -> {
                if (!referenceProblems(record, index).isEmpty()) {
                    dangling.add(key);
                }
            });
            dangling.sort(null);
            for (RecordKey key : dangling) {
                RosterRecord current = chosen.get(key);
                issues.addAll(referenceProblems(current, index));
                RosterRecord previous = lastValid.get(key);
                if (previous != null
                        && !previous.equals(current)
                        && fieldProblems(previous).isEmpty()
                        && referenceProblems(previous, index).isEmpty()) {
                    replace.put(key, previous);
                } else {
                    remove.add(key);
                }
            }
            if (!replace.isEmpty() || !remove.isEmpty()) {
                chosen.putAll(replace);
                chosen.keySet().removeAll(remove);
                changed = true;
            }
        }
    }

    static List<ValidationIssue> fieldProblems(RosterRecord record) {
        Checks checks = new Checks(record);
        checks.required("sourcedId", record.sourcedId());
        if (record instanceof School school) {
            checks.required("name", school.name());
            if (school.districtSourcedId() != null
                    && !school.districtSourcedId().isBlank()) {
                checks.required("districtName", school.districtName());
            }
        } else if (record instanceof Term term) {
            checks.required("title", term.title());
            checks.required("type", term.type());
            checks.required("startDate", term.startDate());
            checks.required("endDate", term.endDate());
            if (term.schoolYear() < 1000 || term.schoolYear() > 9999) {
                checks.problem("schoolYear", "required: the ending year as YYYY");
            }
            if (term.startDate() != null
                    && term.endDate() != null
                    && term.endDate().isBefore(term.startDate())) {
                checks.problem("endDate", "before startDate");
            }
        } else if (record instanceof Course course) {
            checks.required("title", course.title());
            checks.required("orgSourcedId", course.schoolSourcedId());
            checks.grades(course.grades());
        } else if (record instanceof Section section) {
            checks.required("title", section.title());
            checks.required("courseSourcedId", section.courseSourcedId());
            checks.required("classType", section.classType());
            checks.required("schoolSourcedId", section.schoolSourcedId());
            checks.requiredList("termSourcedIds", section.termSourcedIds());
            checks.grades(section.grades());
        } else if (record instanceof Person person) {
            checks.requiredList("orgSourcedIds", person.orgSourcedIds());
            checks.required("role", person.role());
            checks.required("username", person.username());
            checks.required("givenName", person.givenName());
            checks.required("familyName", person.familyName());
            checks.grades(person.grades());
        } else if (record instanceof Enrollment enrollment) {
            checks.required("classSourcedId", enrollment.sectionSourcedId());
            checks.required("schoolSourcedId", enrollment.schoolSourcedId());
            checks.required("userSourcedId", enrollment.personSourcedId());
            checks.required("role", enrollment.role());
            if (enrollment.role() != null && !Vocabulary.ENROLLMENT_ROLES.contains(enrollment.role())) {
                checks.problem("role", "not in the enrollment role vocabulary");
            }
            if (enrollment.beginDate() != null
                    && enrollment.endDate() != null
                    && enrollment.endDate().isBefore(enrollment.beginDate())) {
                checks.problem("endDate", "before beginDate");
            }
        } else if (record instanceof Demographics demographics) {
            if (!Vocabulary.isValidSex(demographics.sex())) {
                checks.problem("sex", "not in the sex vocabulary (male, female)");
            }
        }
        return checks.problems;
    }

    static List<ValidationIssue> referenceProblems(RosterRecord record, Index index) {
        Checks checks = new Checks(record);
        if (record instanceof Term term) {
            checks.reference("parentSourcedId", term.parentSourcedId(), index.sessions, "academicSessions.csv");
        } else if (record instanceof Course course) {
            checks.reference("orgSourcedId", course.schoolSourcedId(), index.orgs, "orgs.csv");
            checks.reference(
                    "schoolYearSourcedId", course.schoolYearSourcedId(), index.sessions, "academicSessions.csv");
        } else if (record instanceof Section section) {
            checks.reference("courseSourcedId", section.courseSourcedId(), index.courses, "courses.csv");
            checks.reference("schoolSourcedId", section.schoolSourcedId(), index.schools, "orgs.csv");
            for (String term : section.termSourcedIds()) {
                checks.reference("termSourcedIds", term, index.sessions, "academicSessions.csv");
            }
        } else if (record instanceof Person person) {
            if (person.orgSourcedIds().stream().noneMatch(index.orgs::contains)) {
                checks.problem("orgSourcedIds", "refers to no org in this snapshot");
            }
        } else if (record instanceof Enrollment enrollment) {
            checks.reference("classSourcedId", enrollment.sectionSourcedId(), index.classes, "classes.csv");
            checks.reference("userSourcedId", enrollment.personSourcedId(), index.users, "users.csv");
            checks.reference("schoolSourcedId", enrollment.schoolSourcedId(), index.schools, "orgs.csv");
        } else if (record instanceof Demographics demographics) {
            checks.reference("sourcedId", demographics.sourcedId(), index.users, "users.csv");
        }
        return checks.problems;
    }

    /**
     * The types whose records a record of {@code type} refers to, as {@link #referenceProblems} checks them: whether a
     * record is valid depends on its own fields and on which sourcedIds of these types the snapshot holds (for orgs,
     * the schools' ids and their districts' ids), nothing else. Kept beside the checks it describes.
     */
    public static Set<EntityType> referencedTypes(EntityType type) {
        return switch (type) {
            case SCHOOL, UNKNOWN -> Set.of();
            case TERM -> Set.of(EntityType.TERM);
            case COURSE -> Set.of(EntityType.SCHOOL, EntityType.TERM);
            case SECTION -> Set.of(EntityType.COURSE, EntityType.SCHOOL, EntityType.TERM);
            case PERSON -> Set.of(EntityType.SCHOOL);
            case ENROLLMENT -> Set.of(EntityType.SECTION, EntityType.PERSON, EntityType.SCHOOL);
            case DEMOGRAPHICS -> Set.of(EntityType.PERSON);
        };
    }

    /** The OneRoster file a record becomes a row of. */
    public static String file(RosterRecord record) {
        return fileOf(record.entityType());
    }

    public static String fileOf(EntityType type) {
        return switch (type) {
            case SCHOOL -> "orgs.csv";
            case TERM -> "academicSessions.csv";
            case COURSE -> "courses.csv";
            case SECTION -> "classes.csv";
            case PERSON -> "users.csv";
            case ENROLLMENT -> "enrollments.csv";
            case DEMOGRAPHICS -> "demographics.csv";
            case UNKNOWN ->
                throw new IllegalArgumentException("no OneRoster file for an entity type of a newer contract");
        };
    }

    private static List<RecordKey> sorted(Set<RecordKey> keys) {
        List<RecordKey> list = new ArrayList<>(keys);
        list.sort(null);
        return list;
    }

    /** A hash map's initial capacity that holds {@code size} entries without rehashing. */
    private static int capacityFor(int size) {
        return (int) (size / 0.75f) + 1;
    }

    private static ValidationIssue issue(RosterRecord record, String field, String problem) {
        return new ValidationIssue(file(record), record.sourcedId(), field, problem);
    }

    /** The sourcedIds present per file, so references are checked against what the snapshot will contain. */
    record Index(
            Set<String> orgs,
            Set<String> schools,
            Set<String> sessions,
            Set<String> courses,
            Set<String> classes,
            Set<String> users) {

        static Index of(Collection<RosterRecord> records) {
            return new Index(
                    SnapshotAssembler.orgIds(records),
                    ids(records, School.class),
                    ids(records, Term.class),
                    ids(records, Course.class),
                    ids(records, Section.class),
                    ids(records, Person.class));
        }

        private static Set<String> ids(Collection<RosterRecord> records, Class<? extends RosterRecord> type) {
            return records.stream()
                    .filter(type::isInstance)
                    .map(RosterRecord::sourcedId)
                    .collect(Collectors.toSet());
        }
    }

    private static final class Checks {
        private final RosterRecord record;
        private final List<ValidationIssue> problems = new ArrayList<>();

        Checks(RosterRecord record) {
            this.record = record;
        }

        void required(String field, Object value) {
            if (value == null || (value instanceof String text && text.isBlank())) {
                problem(field, "required");
            } else if (value instanceof Enum<?> constant && "UNKNOWN".equals(constant.name())) {
                // A constant a newer contract revision added: no OneRoster value is known for it here.
                problem(field, "a value this version does not know");
            }
        }

        void requiredList(String field, List<String> values) {
            if (values == null || values.stream().allMatch(v -> v == null || v.isBlank())) {
                problem(field, "required");
            } else if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
                problem(field, "has a blank entry");
            }
        }

        void grades(List<String> grades) {
            if (grades != null && grades.stream().anyMatch(g -> !Vocabulary.GRADES.contains(g))) {
                problem("grades", "not in the CEDS grade vocabulary");
            }
        }

        void reference(String field, String id, Set<String> present, String targetFile) {
            if (id != null && !id.isBlank() && !present.contains(id)) {
                problem(field, "refers to a " + targetFile + " record that is not in this snapshot");
            }
        }

        void problem(String field, String problem) {
            problems.add(new ValidationIssue(file(record), record.sourcedId(), field, problem));
        }
    }
}
