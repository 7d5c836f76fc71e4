package com.rostersync.mapper.snapshot;

import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.mapper.snapshot.Rows.Row;
import com.rostersync.oneroster.CsvWriter;
import com.rostersync.oneroster.OneRosterFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mapstruct.factory.Mappers;

/**
 * Turns a school's validated records into its complete OneRoster 1.1 bulk file set: manifest plus each roster file
 * that has rows (a type without rows is {@code absent}, never a header-only bulk file), rows sorted by sourcedId so
 * the same roster always gives the same bytes (and the same content hash). The records' extension columns
 * ({@code metadata.*}) follow the standard columns, sorted by name; whether a destination gets them is the
 * publisher's decision.
 * Expects records that already passed {@code RosterValidator}; references that leave the snapshot (a teacher's other
 * school, a parent not rostered here) are dropped from list fields so every reference resolves inside the upload.
 */
public final class SnapshotAssembler {

    private final RosterRowMapper rows = Mappers.getMapper(RosterRowMapper.class);

    public List<SnapshotFile> assemble(Collection<RosterRecord> records, SourceSystem source) {
        return assemble(records, source, Set.of());
    }

    /**
     * @param emptyOnPurpose manifest names of the files the tenant's source may genuinely leave without rows
     *     ({@code allowEmpty}): only these go out as a header-only bulk file when they have no rows, which tells the
     *     receiver to archive the type, as the source did on purpose
     */
    public List<SnapshotFile> assemble(
            Collection<RosterRecord> records, SourceSystem source, Set<String> emptyOnPurpose) {
        return assemble(records, source, emptyOnPurpose, Map.of());
    }

    /**
     * @param kept files already written from records that are not among {@code records} and have not changed since:
     *     each goes into the set as it is, in its place, instead of being built again
     */
    public List<SnapshotFile> assemble(
            Collection<RosterRecord> records,
            SourceSystem source,
            Set<String> emptyOnPurpose,
            Map<OneRosterFile, SnapshotFile> kept) {
        Map<OneRosterFile, TreeMap<String, Line>> byFile = new EnumMap<>(OneRosterFile.class);
        OneRosterFile.rosterFiles().forEach(file -> byFile.put(file, new TreeMap<>()));
        Set<String> orgIds = orgIds(records);
        Set<String> userIds = records.stream()
                .filter(Person.class::isInstance)
                .map(RosterRecord::sourcedId)
                .collect(Collectors.toSet());
        List<School> schools = new ArrayList<>();
        for (RosterRecord record : records) {
            if (record instanceof School school) {
                put(byFile, OneRosterFile.ORGS, rows.schoolOrg(school), school);
                schools.add(school);
            } else if (record instanceof Term term) {
                put(byFile, OneRosterFile.ACADEMIC_SESSIONS, rows.academicSession(term), term);
            } else if (record instanceof Course course) {
                put(byFile, OneRosterFile.COURSES, rows.course(course), course);
            } else if (record instanceof Section section) {
                put(byFile, OneRosterFile.CLASSES, rows.classRow(section, PeriodRule.periods(section)), section);
            } else if (record instanceof Person person) {
                put(
                        byFile,
                        OneRosterFile.USERS,
                        rows.user(
                                person,
                                within(person.orgSourcedIds(), orgIds),
                                within(person.agentSourcedIds(), userIds)),
                        person);
            } else if (record instanceof Enrollment enrollment) {
                put(byFile, OneRosterFile.ENROLLMENTS, rows.enrollment(enrollment), enrollment);
            } else if (record instanceof Demographics demographics) {
                put(byFile, OneRosterFile.DEMOGRAPHICS, rows.demographics(demographics), demographics);
            }
        }
        // The records come in no particular order: the district's row is the one of its school with the least
        // sourcedId, and a school's own row wins over a district row with the same id.
        schools.sort(Comparator.comparing(School::sourcedId));
        for (School school : schools) {
            if (hasDistrict(school)) {
                byFile.get(OneRosterFile.ORGS)
                        .putIfAbsent(school.districtSourcedId(), new Line(rows.districtOrg(school), Map.of()));
            }
        }
        List<SnapshotFile> files = new ArrayList<>();
        Set<OneRosterFile> present = EnumSet.noneOf(OneRosterFile.class);
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            SnapshotFile keptFile = kept.get(file);
            if (keptFile != null) {
                files.add(keptFile);
                present.add(file);
                continue;
            }
            Collection<Line> lines = byFile.get(file).values();
            if (lines.isEmpty() && !emptyOnPurpose.contains(file.manifestName())) {
                // A header-only bulk file tells the receiver to archive every record of the type: absent instead.
                continue;
            }
            List<String> extensions = lines.stream()
                    .flatMap(line -> line.metadata().keySet().stream())
                    .distinct()
                    .sorted()
                    .toList();
            List<List<String>> cells =
                    lines.stream().map(line -> line.cells(extensions)).toList();
            files.add(new SnapshotFile(file.fileName(), CsvWriter.write(file, extensions, cells), cells.size()));
            present.add(file);
        }
        files.add(0, manifest(source, present));
        return List.copyOf(files);
    }

    private static void put(
            Map<OneRosterFile, TreeMap<String, Line>> byFile, OneRosterFile file, Row row, RosterRecord record) {
        byFile.get(file).put(row.sourcedId(), new Line(row, record.metadata()));
    }

    /** One row with the record's extension columns, which go after the standard cells. */
    private record Line(Row row, Map<String, String> metadata) {

        List<String> cells(List<String> extensions) {
            if (extensions.isEmpty()) {
                return row.cells();
            }
            List<String> cells = new ArrayList<>(row.cells());
            extensions.forEach(name -> cells.add(metadata.get(name)));
            return cells;
        }
    }

    /** The org sourcedIds a snapshot of these records contains: each school and its district. */
    public static Set<String> orgIds(Collection<RosterRecord> records) {
        Set<String> ids = new HashSet<>();
        for (RosterRecord record : records) {
            if (record instanceof School school) {
                ids.add(school.sourcedId());
                if (hasDistrict(school)) {
                    ids.add(school.districtSourcedId());
                }
            }
        }
        return ids;
    }

    static boolean hasDistrict(School school) {
        return school.districtSourcedId() != null && !school.districtSourcedId().isBlank();
    }

    private static List<String> within(List<String> ids, Set<String> present) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() == 1 && ids.get(0) != null) {
            // Most users belong to one org and have no agents: no stream for each of a school's users.
            return present.contains(ids.get(0)) ? List.of(ids.get(0)) : List.of();
        }
        return ids.stream().filter(present::contains).distinct().sorted().toList();
    }

    /** Every file sent is bulk, every other one absent: the manifest never claims a file that is not sent. */
    private static SnapshotFile manifest(SourceSystem source, Set<OneRosterFile> present) {
        Set<String> sent = present.stream().map(OneRosterFile::manifestName).collect(Collectors.toSet());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("manifest.version", "1.0"));
        rows.add(List.of("oneroster.version", "1.1"));
        for (String entry : OneRosterFile.MANIFEST_FILE_ENTRIES) {
            rows.add(List.of("file." + entry, sent.contains(entry) ? "bulk" : "absent"));
        }
        rows.add(List.of("source.systemName", source.name()));
        rows.add(List.of("source.systemCode", source.code()));
        return new SnapshotFile(
                OneRosterFile.MANIFEST.fileName(), CsvWriter.write(OneRosterFile.MANIFEST, rows), rows.size());
    }
}
