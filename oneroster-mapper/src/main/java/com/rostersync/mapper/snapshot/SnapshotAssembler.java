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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mapstruct.factory.Mappers;

/**
 * Turns a school's validated records into its complete OneRoster 1.1 bulk file set: manifest plus the seven roster
 * files, rows sorted by sourcedId so the same roster always gives the same bytes (and the same content hash).
 * Expects records that already passed {@code RosterValidator}; references that leave the snapshot (a teacher's other
 * school, a parent not rostered here) are dropped from list fields so every reference resolves inside the upload.
 */
public final class SnapshotAssembler {

    private final RosterRowMapper rows = Mappers.getMapper(RosterRowMapper.class);

    public List<SnapshotFile> assemble(Collection<RosterRecord> records, SourceSystem source) {
        Map<OneRosterFile, TreeMap<String, Row>> byFile = new EnumMap<>(OneRosterFile.class);
        OneRosterFile.rosterFiles().forEach(file -> byFile.put(file, new TreeMap<>()));
        Set<String> orgIds = orgIds(records);
        Set<String> userIds = records.stream()
                .filter(Person.class::isInstance)
                .map(RosterRecord::sourcedId)
                .collect(Collectors.toSet());
        for (RosterRecord record : records) {
            if (record instanceof School school) {
                byFile.get(OneRosterFile.ORGS).put(school.sourcedId(), rows.schoolOrg(school));
                if (hasDistrict(school)) {
                    byFile.get(OneRosterFile.ORGS).putIfAbsent(school.districtSourcedId(), rows.districtOrg(school));
                }
            } else if (record instanceof Term term) {
                byFile.get(OneRosterFile.ACADEMIC_SESSIONS).put(term.sourcedId(), rows.academicSession(term));
            } else if (record instanceof Course course) {
                byFile.get(OneRosterFile.COURSES).put(course.sourcedId(), rows.course(course));
            } else if (record instanceof Section section) {
                byFile.get(OneRosterFile.CLASSES)
                        .put(section.sourcedId(), rows.classRow(section, PeriodRule.periods(section)));
            } else if (record instanceof Person person) {
                byFile.get(OneRosterFile.USERS)
                        .put(
                                person.sourcedId(),
                                rows.user(
                                        person,
                                        within(person.orgSourcedIds(), orgIds),
                                        within(person.agentSourcedIds(), userIds)));
            } else if (record instanceof Enrollment enrollment) {
                byFile.get(OneRosterFile.ENROLLMENTS).put(enrollment.sourcedId(), rows.enrollment(enrollment));
            } else if (record instanceof Demographics demographics) {
                byFile.get(OneRosterFile.DEMOGRAPHICS).put(demographics.sourcedId(), rows.demographics(demographics));
            }
        }
        List<SnapshotFile> files = new ArrayList<>();
        files.add(manifest(source));
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            List<List<String>> cells =
                    byFile.get(file).values().stream().map(Row::cells).toList();
            files.add(new SnapshotFile(file.fileName(), CsvWriter.write(file, cells), cells.size()));
        }
        return List.copyOf(files);
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
        return ids == null
                ? List.of()
                : ids.stream().filter(present::contains).distinct().sorted().toList();
    }

    private static SnapshotFile manifest(SourceSystem source) {
        Set<String> sent = OneRosterFile.rosterFiles().stream()
                .map(OneRosterFile::manifestName)
                .collect(Collectors.toSet());
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
