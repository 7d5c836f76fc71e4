package com.rostersync.extractor.source.csv;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.events.roster.TermType;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.kernel.kafka.IsoLocalDates;
import com.rostersync.oneroster.CsvFileException;
import com.rostersync.oneroster.CsvProblem;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.CsvRow;
import com.rostersync.oneroster.CsvTable;
import com.rostersync.oneroster.ListField;
import com.rostersync.oneroster.OneRosterFile;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the files of a OneRoster 1.1 drop into school-scoped canonical records. Each file is checked on its own: a
 * file that cannot be used (empty, not UTF-8, not CSV, wrong header, unknown name, missing without the manifest
 * saying "absent") is a {@link FileFailure} and its entity type is carried forward, never deleted. A broken row is a
 * failure with its line and field; its record is carried forward (by id when the row still shows one, otherwise the
 * whole type keeps its records this cycle). A file with a header and no rows is a failure too, exactly like an empty
 * file, unless the tenant lists it in {@code allowEmpty}: a truncated export must never read as "everyone left".
 * Extension columns ({@code metadata.<name>}) go into the records' {@code metadata}; orgs of every 1.1 type are read,
 * and only {@code school} orgs are schools.
 */
final class OneRosterDropReader {

    /** What opens each {@code {type:id}} entry of a userIds cell after splitting at the closing braces. */
    private static final Pattern USER_ID_OPENING = Pattern.compile("^\\s*,?\\s*\\{");

    private static final Map<OneRosterFile, EntityType> TYPES = Map.of(
            OneRosterFile.ORGS,
            EntityType.SCHOOL,
            OneRosterFile.ACADEMIC_SESSIONS,
            EntityType.TERM,
            OneRosterFile.COURSES,
            EntityType.COURSE,
            OneRosterFile.CLASSES,
            EntityType.SECTION,
            OneRosterFile.USERS,
            EntityType.PERSON,
            OneRosterFile.ENROLLMENTS,
            EntityType.ENROLLMENT,
            OneRosterFile.DEMOGRAPHICS,
            EntityType.DEMOGRAPHICS);

    /**
     * The files each type's records are made from (a term belongs to the schools of the courses and classes using
     * it, an enrollment to its class's school, demographics to their person's schools): a type whose files are all
     * unchanged reads the same as last time.
     */
    private static final Map<EntityType, Set<OneRosterFile>> INPUTS = Map.of(
            EntityType.SCHOOL,
            EnumSet.of(OneRosterFile.ORGS),
            EntityType.TERM,
            EnumSet.of(OneRosterFile.ACADEMIC_SESSIONS, OneRosterFile.COURSES, OneRosterFile.CLASSES),
            EntityType.COURSE,
            EnumSet.of(OneRosterFile.COURSES),
            EntityType.SECTION,
            EnumSet.of(OneRosterFile.CLASSES),
            EntityType.PERSON,
            EnumSet.of(OneRosterFile.USERS),
            EntityType.ENROLLMENT,
            EnumSet.of(OneRosterFile.ENROLLMENTS, OneRosterFile.CLASSES),
            EntityType.DEMOGRAPHICS,
            EnumSet.of(OneRosterFile.DEMOGRAPHICS, OneRosterFile.USERS));

    private final Set<String> configured;
    private final Set<String> allowEmpty;
    private final List<FileFailure> failures = new ArrayList<>();
    private final Set<EntityType> carried = new TreeSet<>();
    private final Map<EntityType, Set<String>> carriedIds = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
    private final Map<String, List<RosterRecord>> bySchool = new HashMap<>();
    private final Set<EntityType> unread = EnumSet.noneOf(EntityType.class);

    public OneRosterDropReader(List<String> schoolIds) {
        this(schoolIds, Set.of());
    }

    /** {@code allowEmpty}: the manifest names of the files that may genuinely have no rows (tenant setting). */
    public OneRosterDropReader(List<String> schoolIds, Set<String> allowEmpty) {
        this.configured = new LinkedHashSet<>(schoolIds);
        this.allowEmpty = Set.copyOf(allowEmpty);
    }

    /**
     * The roster files a read may leave unparsed when only {@code changed} differ from the last read: those that no
     * type made from a changed file needs. The manifest and orgs.csv (small, and the schools found) are always read.
     */
    static Set<OneRosterFile> unaffectedBy(Set<OneRosterFile> changed) {
        Set<OneRosterFile> needed = EnumSet.of(OneRosterFile.MANIFEST, OneRosterFile.ORGS);
        INPUTS.values().stream()
                .filter(inputs -> !Collections.disjoint(inputs, changed))
                .forEach(needed::addAll);
        Set<OneRosterFile> unaffected = EnumSet.copyOf(OneRosterFile.rosterFiles());
        unaffected.removeAll(needed);
        return unaffected;
    }

    SourceRead read(DropUnpacker.Unpacked drop) {
        return read(drop, Set.of());
    }

    /**
     * Reads the drop but for the files in {@code skipped} (present, and unchanged since the last read): the types
     * made from any of them are left {@link SourceRead#unread() unread}.
     */
    SourceRead read(DropUnpacker.Unpacked drop, Set<OneRosterFile> skipped) {
        INPUTS.forEach((type, inputs) -> {
            if (!Collections.disjoint(inputs, skipped)) {
                unread.add(type);
            }
        });
        failures.addAll(drop.failures());
        Map<OneRosterFile, CsvTable> tables = new EnumMap<>(OneRosterFile.class);
        for (Map.Entry<String, byte[]> file : drop.files().entrySet()) {
            Optional<OneRosterFile> known = OneRosterFile.byFileName(file.getKey());
            if (known.isEmpty()) {
                failures.add(new FileFailure(file.getKey(), 0, null, "unknown file name for a OneRoster 1.1 drop"));
                continue;
            }
            if (skipped.contains(known.get())) {
                continue;
            }
            try {
                CsvTable table = CsvReader.read(known.get(), file.getValue());
                if (headerOnly(known.get(), table)) {
                    failures.add(new FileFailure(
                            file.getKey(),
                            0,
                            null,
                            file.getKey() + " has a header and no rows; its records are carried forward"
                                    + " (allowEmpty: [" + known.get().manifestName() + "] if it may be empty)"));
                    carried.add(TYPES.get(known.get()));
                    continue;
                }
                tables.put(known.get(), table);
                for (CsvProblem problem : table.rowProblems()) {
                    failures.add(failure(problem));
                    if (TYPES.containsKey(known.get())) {
                        carried.add(TYPES.get(known.get()));
                    }
                }
            } catch (CsvFileException unusable) {
                failures.add(failure(unusable.problem()));
            }
        }
        Set<String> absent = absentFiles(tables.get(OneRosterFile.MANIFEST));
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            if (!tables.containsKey(file) && !skipped.contains(file)) {
                if (!absent.contains(file.manifestName())) {
                    carried.add(TYPES.get(file));
                    if (!drop.files().containsKey(file.fileName())) {
                        failures.add(new FileFailure(
                                file.fileName(),
                                0,
                                null,
                                "missing from the drop (and not marked absent in manifest.csv)"));
                    }
                }
            }
        }
        Set<String> found = readOrgs(tables.get(OneRosterFile.ORGS));
        Map<String, Term> terms = readTerms(tables.get(OneRosterFile.ACADEMIC_SESSIONS));
        Map<String, Set<String>> termSchools = new HashMap<>();
        readCourses(tables.get(OneRosterFile.COURSES), termSchools);
        Map<String, String> sectionSchool = readClasses(tables.get(OneRosterFile.CLASSES), termSchools);
        scopeTerms(terms, termSchools);
        Map<String, List<String>> personSchools = readUsers(tables.get(OneRosterFile.USERS));
        readEnrollments(tables.get(OneRosterFile.ENROLLMENTS), sectionSchool);
        if (carried.contains(EntityType.PERSON)) {
            carried.add(EntityType.DEMOGRAPHICS);
        }
        carriedIds.getOrDefault(EntityType.PERSON, Set.of()).forEach(id -> carriedIds
                .computeIfAbsent(EntityType.DEMOGRAPHICS, t -> new HashSet<>())
                .add(id));
        readDemographics(tables.get(OneRosterFile.DEMOGRAPHICS), personSchools);
        return new SourceRead(
                bySchool,
                carried.contains(EntityType.SCHOOL) ? null : found,
                carried,
                carriedIds,
                failures,
                counts,
                null,
                unread,
                null);
    }

    private boolean headerOnly(OneRosterFile file, CsvTable table) {
        return TYPES.containsKey(file)
                && table.rows().isEmpty()
                && table.rowProblems().isEmpty()
                && !allowEmpty.contains(file.manifestName());
    }

    private Set<String> absentFiles(CsvTable manifest) {
        Set<String> absent = new HashSet<>();
        if (manifest != null) {
            for (CsvRow row : manifest.rows()) {
                String property = row.get("propertyName");
                if (property.startsWith("file.") && "absent".equalsIgnoreCase(row.get("value"))) {
                    absent.add(property.substring("file.".length()));
                }
            }
        }
        return absent;
    }

    private Set<String> readOrgs(CsvTable table) {
        Set<String> found = new TreeSet<>();
        if (table == null) {
            return found;
        }
        Map<String, CsvRow> orgs = new HashMap<>();
        table.rows().forEach(row -> orgs.put(row.get("sourcedId"), row));
        each(table, EntityType.SCHOOL, row -> {
            String id = row.get("sourcedId");
            String type = row.get("type").strip();
            if (!configured.contains(id)) {
                return;
            }
            if (!"school".equalsIgnoreCase(type)) {
                // Read, not synced: departments, districts and the like are not schools of the tenant.
                failures.add(new FileFailure(
                        table.file().fileName(),
                        row.line(),
                        "type",
                        "configured school " + id + " is an org of type " + type.toLowerCase(Locale.ROOT)
                                + "; only school orgs are synced schools"));
                return;
            }
            found.add(id);
            String parent = district(orgs.get(blankToNull(row.get("parentSourcedId"))), row);
            add(
                    id,
                    new School(
                            id,
                            row.get("name"),
                            blankToNull(row.get("identifier")),
                            parent,
                            parent == null || !orgs.containsKey(parent)
                                    ? null
                                    : orgs.get(parent).get("name"),
                            row.extensions()));
        });
        return found;
    }

    /**
     * The school's district: its parent when that is a district org, or a parent the file does not describe (as
     * before). A parent of another type (a state, a local authority) is not written out as a district.
     */
    private static String district(CsvRow parent, CsvRow school) {
        String parentId = blankToNull(school.get("parentSourcedId"));
        if (parentId == null || parent == null) {
            return parentId;
        }
        return "district".equalsIgnoreCase(parent.get("type").strip()) ? parentId : null;
    }

    private Map<String, Term> readTerms(CsvTable table) {
        Map<String, Term> terms = new TreeMap<>();
        each(table, EntityType.TERM, row -> {
            Term term = new Term(
                    row.get("sourcedId"),
                    null,
                    row.get("title"),
                    termType(row.get("type")),
                    date(row, "startDate"),
                    date(row, "endDate"),
                    blankToNull(row.get("parentSourcedId")),
                    integer(row, "schoolYear"),
                    row.extensions());
            terms.put(term.sourcedId(), term);
        });
        return terms;
    }

    private void readCourses(CsvTable table, Map<String, Set<String>> termSchools) {
        each(table, EntityType.COURSE, row -> {
            String school = row.get("orgSourcedId");
            if (configured.contains(school)) {
                String schoolYear = blankToNull(row.get("schoolYearSourcedId"));
                add(
                        school,
                        new Course(
                                row.get("sourcedId"),
                                school,
                                schoolYear,
                                row.get("title"),
                                blankToNull(row.get("courseCode")),
                                list(row, "grades"),
                                list(row, "subjects"),
                                list(row, "subjectCodes"),
                                row.extensions()));
                if (schoolYear != null) {
                    termSchools
                            .computeIfAbsent(schoolYear, t -> new TreeSet<>())
                            .add(school);
                }
            }
        });
    }

    private Map<String, String> readClasses(CsvTable table, Map<String, Set<String>> termSchools) {
        Map<String, String> sectionSchool = new HashMap<>();
        each(table, EntityType.SECTION, row -> {
            String school = row.get("schoolSourcedId");
            String id = row.get("sourcedId");
            Section section = new Section(
                    id,
                    school,
                    row.get("courseSourcedId"),
                    list(row, "termSourcedIds"),
                    row.get("title"),
                    blankToNull(row.get("classCode")),
                    ClassType.valueOf(upper(row.get("classType"), "classType")),
                    blankToNull(row.get("location")),
                    list(row, "grades"),
                    list(row, "subjects"),
                    list(row, "subjectCodes"),
                    ScheduleType.SIMPLE,
                    List.of(),
                    list(row, "periods"),
                    row.extensions());
            sectionSchool.put(id, school);
            if (configured.contains(school)) {
                add(school, section);
                section.termSourcedIds().forEach(term -> termSchools
                        .computeIfAbsent(term, t -> new TreeSet<>())
                        .add(school));
            }
        });
        return sectionSchool;
    }

    /** academicSessions.csv has no school column: a term belongs to the schools whose classes or courses use it. */
    private void scopeTerms(Map<String, Term> terms, Map<String, Set<String>> termSchools) {
        Map<String, Set<String>> scoped = new HashMap<>();
        termSchools.forEach((term, schools) -> {
            for (String id = term;
                    id != null && terms.containsKey(id);
                    id = terms.get(id).parentSourcedId()) {
                if (!scoped.computeIfAbsent(id, t -> new TreeSet<>()).addAll(schools)) {
                    break;
                }
            }
        });
        terms.forEach((id, term) -> {
            for (String school : scoped.getOrDefault(id, configured)) {
                add(
                        school,
                        new Term(
                                id,
                                school,
                                term.title(),
                                term.type(),
                                term.startDate(),
                                term.endDate(),
                                term.parentSourcedId(),
                                term.schoolYear(),
                                term.metadata()));
            }
        });
    }

    private Map<String, List<String>> readUsers(CsvTable table) {
        Map<String, List<String>> personSchools = new HashMap<>();
        each(table, EntityType.PERSON, row -> {
            List<String> schools = list(row, "orgSourcedIds").stream()
                    .filter(configured::contains)
                    .sorted()
                    .toList();
            if (schools.isEmpty()) {
                return;
            }
            Person person = new Person(
                    row.get("sourcedId"),
                    schools,
                    Role.valueOf(upper(row.get("role"), "role")),
                    row.get("username"),
                    bool(row, "enabledUser"),
                    row.get("givenName"),
                    row.get("familyName"),
                    blankToNull(row.get("middleName")),
                    blankToNull(row.get("identifier")),
                    blankToNull(row.get("email")),
                    blankToNull(row.get("sms")),
                    blankToNull(row.get("phone")),
                    list(row, "grades"),
                    userIds(row),
                    list(row, "agentSourcedIds"),
                    row.extensions());
            personSchools.put(person.sourcedId(), schools);
            schools.forEach(school -> add(school, person));
        });
        return personSchools;
    }

    private void readEnrollments(CsvTable table, Map<String, String> sectionSchool) {
        each(table, EntityType.ENROLLMENT, row -> {
            String section = row.get("classSourcedId");
            String school = sectionSchool.getOrDefault(section, row.get("schoolSourcedId"));
            if (configured.contains(school)) {
                add(
                        school,
                        new Enrollment(
                                row.get("sourcedId"),
                                school,
                                section,
                                row.get("userSourcedId"),
                                Role.valueOf(upper(row.get("role"), "role")),
                                boolOrNull(row, "primary"),
                                date(row, "beginDate"),
                                date(row, "endDate"),
                                row.extensions()));
            }
        });
    }

    private void readDemographics(CsvTable table, Map<String, List<String>> personSchools) {
        each(table, EntityType.DEMOGRAPHICS, row -> {
            List<String> schools = personSchools.getOrDefault(row.get("sourcedId"), List.of());
            Demographics demographics = new Demographics(
                    row.get("sourcedId"),
                    date(row, "birthDate"),
                    blankToNull(row.get("sex")),
                    boolOrNull(row, "americanIndianOrAlaskaNative"),
                    boolOrNull(row, "asian"),
                    boolOrNull(row, "blackOrAfricanAmerican"),
                    boolOrNull(row, "nativeHawaiianOrOtherPacificIslander"),
                    boolOrNull(row, "white"),
                    boolOrNull(row, "demographicRaceTwoOrMoreRaces"),
                    boolOrNull(row, "hispanicOrLatinoEthnicity"),
                    blankToNull(row.get("countryOfBirthCode")),
                    blankToNull(row.get("stateOfBirthAbbreviation")),
                    blankToNull(row.get("cityOfBirth")),
                    blankToNull(row.get("publicSchoolResidenceStatus")),
                    row.extensions());
            schools.forEach(school -> add(school, demographics));
        });
    }

    /** Maps every good row; a row whose value does not fit is a failure naming its line and field, and carried. */
    private void each(CsvTable table, EntityType type, RowMapping mapping) {
        if (table == null || unread.contains(type)) {
            return;
        }
        for (CsvRow row : table.rows()) {
            try {
                mapping.map(row);
                counts.merge(type, 1L, Long::sum);
            } catch (BadField bad) {
                failures.add(new FileFailure(table.file().fileName(), row.line(), bad.field, bad.getMessage()));
                carriedIds.computeIfAbsent(type, t -> new HashSet<>()).add(row.get("sourcedId"));
            }
        }
    }

    private void add(String school, RosterRecord record) {
        bySchool.computeIfAbsent(school, s -> new ArrayList<>()).add(record);
    }

    private static FileFailure failure(CsvProblem problem) {
        return new FileFailure(problem.file(), problem.line(), problem.field(), problem.reason());
    }

    private static TermType termType(String value) {
        return switch (value.strip()) {
            case "schoolYear" -> TermType.SCHOOL_YEAR;
            case "semester" -> TermType.SEMESTER;
            case "term" -> TermType.TERM;
            case "gradingPeriod" -> TermType.GRADING_PERIOD;
            default -> throw new BadField("type", "not a OneRoster academic session type");
        };
    }

    private static String upper(String value, String field) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        boolean known = "classType".equals(field)
                ? upper.equals("HOMEROOM") || upper.equals("SCHEDULED")
                : java.util.Arrays.stream(Role.values())
                        .anyMatch(r -> r != Role.UNKNOWN && r.name().equals(upper));
        if (!known) {
            throw new BadField(field, "not a OneRoster " + field + " value");
        }
        return upper;
    }

    private static LocalDate date(CsvRow row, String field) {
        String value = row.get(field);
        if (value.isEmpty()) {
            return null;
        }
        LocalDate iso = IsoLocalDates.isoDate(value);
        if (iso != null) {
            // Every enrollment has two dates; LocalDate.parse, a formatter's work, was 4% of a full read's cycles.
            return iso;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            throw new BadField(field, "not a date (YYYY-MM-DD)");
        }
    }

    private static int integer(CsvRow row, String field) {
        try {
            return Integer.parseInt(row.get(field));
        } catch (NumberFormatException notANumber) {
            throw new BadField(field, "not a whole number");
        }
    }

    private static boolean bool(CsvRow row, String field) {
        Boolean value = boolOrNull(row, field);
        if (value == null) {
            throw new BadField(field, "must be true or false");
        }
        return value;
    }

    private static Boolean boolOrNull(CsvRow row, String field) {
        String value = row.get(field).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BadField(field, "must be true or false");
        };
    }

    private static List<String> list(CsvRow row, String field) {
        return ListField.split(row.get(field));
    }

    /** {@code {type:id}} entries; a malformed entry is a bad field (its value is never quoted back). */
    private static Map<String, String> userIds(CsvRow row) {
        Map<String, String> ids = new TreeMap<>();
        String raw = row.get("userIds").strip();
        if (raw.isEmpty()) {
            return ids;
        }
        for (String entry : raw.split("}")) {
            String trimmed = USER_ID_OPENING.matcher(entry).replaceFirst("").strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new BadField("userIds", "entries must look like {type:id}");
            }
            ids.put(
                    trimmed.substring(0, colon).strip(),
                    trimmed.substring(colon + 1).strip());
        }
        return ids;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @FunctionalInterface
    private interface RowMapping {
        void map(CsvRow row);
    }

    private static final class BadField extends RuntimeException {
        private final String field;

        BadField(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
