package com.rostersync.publisher.merge;

import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.CsvFileException;
import com.rostersync.oneroster.CsvProblem;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.CsvRow;
import com.rostersync.oneroster.CsvTable;
import com.rostersync.oneroster.CsvWriter;
import com.rostersync.oneroster.FileSetHash;
import com.rostersync.oneroster.ListField;
import com.rostersync.oneroster.OneRosterFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merges the snapshots of the schools one destination account covers into the single bulk file set that account
 * receives (a Clever district account sees one set; a school missing from it would be archived). Rows are united by
 * sourcedId per file, so the district org, shared courses and a teacher in two schools appear once; a person's
 * {@code orgSourcedIds} lists every school they belong to. A file is sent only when some school has rows in it, or
 * every school's source emptied it on purpose; otherwise the manifest says {@code absent} (a header-only bulk file
 * tells the receiver to archive the whole type). Extension columns ({@code metadata.*}) are the union over the schools, sorted by name, for an account that
 * keeps them, and dropped for the others. A single school's files pass through byte for byte when nothing of that
 * applies. Files exactly as the mapper's writer makes them are united from their rows' text ({@link CanonicalRows}),
 * with the bytes reading and writing every row would give; any other file is read row by row. Once a file's rows
 * proved disjoint across a group of schools, the same files (by the content hashes the snapshots name) are united by
 * putting their bodies one after the other: a 1% change of users leaves every other file of a district as it was, and
 * splitting those into rows again was a third of the publisher's work in the change (docs/benchmarks.md, run J).
 */
public final class SnapshotMerger {

    private static final String ORG_IDS = "orgSourcedIds";
    private static final String SOURCED_ID = "sourcedId";
    /** Far more school groups than any registry has destinations; past it the memory of disjoint files starts over. */
    private static final int MAX_GROUPS = 50_000;

    private final boolean fromText;
    /** Per file and group of schools: a digest of the content hashes last found disjoint, and their row count. */
    private final Map<String, Disjoint> disjoint = new ConcurrentHashMap<>();

    /** Merges our own school files from their rows' text, and any other file by reading it. */
    public SnapshotMerger() {
        this(true);
    }

    /** {@code fromText} false: reads every file, as the merger did before it merged from the rows' text (tests). */
    SnapshotMerger(boolean fromText) {
        this.fromText = fromText;
    }

    /** Without extension columns: what an account receives unless it asks to keep them. */
    public MergedFileSet merge(List<SchoolSnapshot> snapshots) throws MergeException {
        return merge(snapshots, false);
    }

    public MergedFileSet merge(List<SchoolSnapshot> snapshots, boolean keepExtensions) throws MergeException {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<SchoolSnapshot> ordered = snapshots.stream()
                .sorted(Comparator.comparing(SchoolSnapshot::schoolId))
                .toList();
        if (ordered.size() == 1 && passesAsItIs(ordered.get(0), keepExtensions)) {
            return MergedFileSet.of(ordered.get(0).files());
        }
        List<SnapshotFile> merged = new ArrayList<>();
        Set<OneRosterFile> present = new LinkedHashSet<>();
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            Optional<SnapshotFile> union = union(file, ordered, keepExtensions);
            union.ifPresent(f -> {
                merged.add(f);
                present.add(file);
            });
        }
        merged.add(0, manifest(ordered.get(0), present));
        return MergedFileSet.of(merged);
    }

    /** Every file has rows, and there are no extension columns or the account keeps them. */
    private static boolean passesAsItIs(SchoolSnapshot snapshot, boolean keepExtensions) {
        for (SnapshotFile file : snapshot.files()) {
            if (file.name().equals(OneRosterFile.MANIFEST.fileName())) {
                continue;
            }
            String header = file.content().lines().findFirst().orElse("");
            if ((file.rows() == 0 && !snapshot.emptyOnPurpose().contains(manifestName(file)))
                    || (!keepExtensions && header.contains(OneRosterFile.EXTENSION_PREFIX))) {
                return false;
            }
        }
        return true;
    }

    private Optional<SnapshotFile> union(OneRosterFile file, List<SchoolSnapshot> snapshots, boolean keepExtensions)
            throws MergeException {
        String group = fromText ? group(file, snapshots) : null;
        String hashes = fromText ? hashes(file, snapshots) : null;
        Disjoint known = hashes == null ? null : disjoint.get(group);
        if (known != null && known.hashes().equals(hashes)) {
            return Optional.of(concatenation(file, snapshots, known.rows()));
        }
        Union union = fromText ? unionOfRows(file, snapshots) : null;
        if (union != null) {
            Map<String, String> textRows = union.rows();
            if (hashes != null && union.disjoint() && !textRows.isEmpty()) {
                if (disjoint.size() >= MAX_GROUPS) {
                    disjoint.clear();
                }
                disjoint.put(group, new Disjoint(hashes, textRows.size()));
            }
            if (textRows.isEmpty() && !emptiedOnPurposeByAll(file, snapshots)) {
                return Optional.empty();
            }
            String header = String.join(",", file.columns()) + "\r\n";
            StringBuilder content = new StringBuilder(header.length() + textRows.size() * 128);
            content.append(header);
            textRows.values().forEach(row -> content.append(row).append("\r\n"));
            return Optional.of(new SnapshotFile(file.fileName(), content.toString(), textRows.size()));
        }
        Map<String, Map<String, String>> rowsById = new LinkedHashMap<>();
        Set<String> extensions = new TreeSet<>();
        for (SchoolSnapshot snapshot : snapshots) {
            Optional<SnapshotFile> source = fileOf(snapshot, file.fileName());
            if (source.isEmpty()) {
                continue;
            }
            for (CsvRow row : read(snapshot.schoolId(), file, source.get()).rows()) {
                Map<String, String> existing = rowsById.get(row.get(SOURCED_ID));
                if (existing == null) {
                    rowsById.put(row.get(SOURCED_ID), new LinkedHashMap<>(row.values()));
                    if (keepExtensions) {
                        extensions.addAll(row.extensions().keySet());
                    }
                } else if (file == OneRosterFile.USERS) {
                    Set<String> orgs = new LinkedHashSet<>(ListField.split(existing.get(ORG_IDS)));
                    orgs.addAll(ListField.split(row.get(ORG_IDS)));
                    existing.put(ORG_IDS, ListField.join(List.copyOf(orgs)));
                }
            }
        }
        if (rowsById.isEmpty() && !emptiedOnPurposeByAll(file, snapshots)) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>(file.columns());
        extensions.forEach(name -> columns.add(OneRosterFile.EXTENSION_PREFIX + name));
        List<List<String>> rows = rowsById.values().stream()
                .map(values ->
                        columns.stream().map(c -> values.getOrDefault(c, "")).toList())
                .toList();
        return Optional.of(
                new SnapshotFile(file.fileName(), CsvWriter.write(file, List.copyOf(extensions), rows), rows.size()));
    }

    /**
     * The rows of every school's file by sourcedId, first school first, as text; null when a file is not in the
     * writer's canonical form or two schools' rows of one user differ (their orgSourcedIds are then joined), which
     * the parsing union does. Disjoint when no sourcedId came twice: the union is then the files' bodies in order.
     */
    private static Union unionOfRows(OneRosterFile file, List<SchoolSnapshot> snapshots) {
        Map<String, String> rows = new LinkedHashMap<>();
        int split = 0;
        for (SchoolSnapshot snapshot : snapshots) {
            Optional<SnapshotFile> source = fileOf(snapshot, file.fileName());
            if (source.isEmpty()) {
                continue;
            }
            List<CanonicalRows.Row> schoolRows =
                    CanonicalRows.split(file, source.get().content());
            if (schoolRows == null) {
                return null;
            }
            split += schoolRows.size();
            for (CanonicalRows.Row row : schoolRows) {
                String before = rows.putIfAbsent(row.sourcedId(), row.text());
                if (before != null && file == OneRosterFile.USERS && !before.equals(row.text())) {
                    return null;
                }
            }
        }
        return new Union(rows, rows.size() == split);
    }

    private record Union(Map<String, String> rows, boolean disjoint) {}

    private record Disjoint(String hashes, int rows) {}

    /** The file and the schools whose copies of it are united: a destination's, for one file. */
    private static String group(OneRosterFile file, List<SchoolSnapshot> snapshots) {
        StringBuilder group = new StringBuilder(file.fileName());
        snapshots.forEach(snapshot -> group.append('|').append(snapshot.schoolId()));
        return group.toString();
    }

    /**
     * One SHA-256 over the content hash each school names for the file ({@code -} where a school has no such file), so
     * what is remembered per group stays small however many schools it has; null when a school's copy carries none (a
     * snapshot that sent the file itself): then only splitting can tell.
     */
    private static String hashes(OneRosterFile file, List<SchoolSnapshot> snapshots) {
        StringBuilder hashes = new StringBuilder();
        for (SchoolSnapshot snapshot : snapshots) {
            Optional<SnapshotFile> source = fileOf(snapshot, file.fileName());
            if (source.isPresent() && source.get().contentHash() == null) {
                return null;
            }
            hashes.append(source.map(SnapshotFile::contentHash).orElse("-")).append('|');
        }
        return FileSetHash.ofContent(hashes.toString());
    }

    /** The header once, then every school's rows as its file has them: the union of files known to be disjoint. */
    private static SnapshotFile concatenation(OneRosterFile file, List<SchoolSnapshot> snapshots, int rows) {
        String header = String.join(",", file.columns()) + "\r\n";
        List<String> contents = new ArrayList<>(snapshots.size());
        int length = header.length();
        for (SchoolSnapshot snapshot : snapshots) {
            Optional<SnapshotFile> source = fileOf(snapshot, file.fileName());
            if (source.isPresent()) {
                contents.add(source.get().content());
                length += source.get().content().length() - header.length();
            }
        }
        StringBuilder content = new StringBuilder(length);
        content.append(header);
        contents.forEach(school -> content.append(school, header.length(), school.length()));
        return new SnapshotFile(file.fileName(), content.toString(), rows);
    }

    /** The first school's manifest, with each file marked bulk when the merged set has it and absent otherwise. */
    private SnapshotFile manifest(SchoolSnapshot first, Set<OneRosterFile> present) throws MergeException {
        List<List<String>> rows = new ArrayList<>();
        Optional<SnapshotFile> source = fileOf(first, OneRosterFile.MANIFEST.fileName());
        Set<String> fileRowsSeen = new LinkedHashSet<>();
        if (source.isPresent()) {
            for (CsvRow row :
                    read(first.schoolId(), OneRosterFile.MANIFEST, source.get()).rows()) {
                String property = row.get("propertyName");
                if (property.startsWith("file.")) {
                    String name = property.substring("file.".length());
                    fileRowsSeen.add(name);
                    rows.add(List.of(property, fileValue(name, present)));
                } else {
                    rows.add(List.of(property, row.get("value")));
                }
            }
        } else {
            rows.add(List.of("manifest.version", "1.0"));
            rows.add(List.of("oneroster.version", "1.1"));
        }
        for (String name : OneRosterFile.MANIFEST_FILE_ENTRIES) {
            if (!fileRowsSeen.contains(name)) {
                rows.add(List.of("file." + name, fileValue(name, present)));
            }
        }
        return new SnapshotFile(
                OneRosterFile.MANIFEST.fileName(), CsvWriter.write(OneRosterFile.MANIFEST, rows), rows.size());
    }

    private static String manifestName(SnapshotFile file) {
        return OneRosterFile.byFileName(file.name())
                .map(OneRosterFile::manifestName)
                .orElse(file.name());
    }

    /** Every school's source left this file empty on purpose ({@code allowEmpty}), so the receiver may archive it. */
    private static boolean emptiedOnPurposeByAll(OneRosterFile file, List<SchoolSnapshot> snapshots) {
        return snapshots.stream().allMatch(snapshot -> snapshot.emptyOnPurpose().contains(file.manifestName()));
    }

    private static String fileValue(String manifestName, Set<OneRosterFile> present) {
        return present.stream().anyMatch(f -> f.manifestName().equals(manifestName)) ? "bulk" : "absent";
    }

    private static CsvTable read(String schoolId, OneRosterFile file, SnapshotFile source) throws MergeException {
        try {
            CsvTable table = CsvReader.read(file, source.content().getBytes(StandardCharsets.UTF_8));
            if (!table.rowProblems().isEmpty()) {
                throw problem(schoolId, table.rowProblems().get(0));
            }
            return table;
        } catch (CsvFileException unreadable) {
            throw problem(schoolId, unreadable.problem());
        }
    }

    private static MergeException problem(String schoolId, CsvProblem problem) {
        return new MergeException(schoolId, problem.file(), problem.line(), problem.field(), problem.reason());
    }

    private static Optional<SnapshotFile> fileOf(SchoolSnapshot snapshot, String name) {
        return snapshot.files().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
