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
 * Once such a file was put together, its size and SHA-256 stand for it while the same files come again: the set names
 * it by them and its text is made only if the upload sends it ({@link MergedFileSet.Part#known}), so an unchanged file
 * is neither inflated nor hashed.
 */
public final class SnapshotMerger {

    private static final String ORG_IDS = "orgSourcedIds";
    private static final String SOURCED_ID = "sourcedId";
    /** Far more school groups than any registry has destinations; past it the memory of disjoint files starts over. */
    private static final int MAX_GROUPS = 50_000;

    private final boolean fromText;
    /** Per file and group of schools: the content hashes last found disjoint, their rows, the merged file's digest. */
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
        return mergeSchools(snapshots.stream().map(SchoolFiles::of).toList(), keepExtensions);
    }

    /** The schools' files, each school's text read only where this merge must put it together again. */
    public MergedFileSet mergeSchools(List<SchoolFiles> schools, boolean keepExtensions) throws MergeException {
        if (schools.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<SchoolFiles> ordered = schools.stream()
                .sorted(Comparator.comparing(SchoolFiles::schoolId))
                .toList();
        if (ordered.size() == 1) {
            SchoolSnapshot single = ordered.get(0).snapshot();
            if (passesAsItIs(single, keepExtensions)) {
                return MergedFileSet.of(single.files());
            }
            // Its text is at hand now: not inflated again below.
            ordered = List.of(SchoolFiles.of(single));
        }
        List<Union> unions = new ArrayList<>();
        Set<OneRosterFile> present = new LinkedHashSet<>();
        for (OneRosterFile file : OneRosterFile.rosterFiles()) {
            Optional<Union> union = union(file, ordered, keepExtensions);
            union.ifPresent(u -> {
                unions.add(u);
                present.add(file);
            });
        }
        List<MergedFileSet.Part> parts = new ArrayList<>();
        parts.add(MergedFileSet.Part.made(manifest(ordered.get(0), present)));
        unions.forEach(union -> parts.add(union.part()));
        MergedFileSet set = MergedFileSet.ofParts(parts);
        unions.forEach(union -> remember(union, set));
        return set;
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

    /**
     * One merged file, and when its rows proved disjoint, the group of schools and the digest of their files' hashes
     * it was put together from: the merged file's size and SHA-256 are then remembered for them.
     */
    private record Union(MergedFileSet.Part part, String group, String hashes) {}

    private Optional<Union> union(OneRosterFile file, List<SchoolFiles> schools, boolean keepExtensions)
            throws MergeException {
        String group = fromText ? group(file, schools) : null;
        String hashes = fromText ? hashes(file, schools) : null;
        Disjoint known = hashes == null ? null : disjoint.get(group);
        if (known != null && known.hashes().equals(hashes)) {
            int rows = known.rows();
            MergedFileSet.Part part = known.sha256() == null
                    ? MergedFileSet.Part.made(concatenation(file, texts(file, schools), rows))
                    : MergedFileSet.Part.known(file.fileName(), rows, known.sha256(), known.size(), () -> concatenation(
                                    file, texts(file, schools), rows)
                            .content());
            return Optional.of(new Union(part, group, hashes));
        }
        TextUnion union = fromText ? unionOfRows(file, schools) : null;
        if (union != null) {
            Map<String, String> textRows = union.rows();
            if (textRows.isEmpty() && !emptiedOnPurposeByAll(file, schools)) {
                return Optional.empty();
            }
            if (hashes != null && union.disjoint() && !textRows.isEmpty()) {
                if (disjoint.size() >= MAX_GROUPS) {
                    disjoint.clear();
                }
                disjoint.put(group, new Disjoint(hashes, textRows.size(), null, -1));
                // Disjoint rows in the schools' order are the schools' bodies one after the other: made the way a
                // later merge of the same files makes them, which the size and SHA-256 remembered must describe.
                return Optional.of(new Union(
                        MergedFileSet.Part.made(concatenation(file, union.texts(), textRows.size())), group, hashes));
            }
            String header = String.join(",", file.columns()) + "\r\n";
            StringBuilder content = new StringBuilder(header.length() + textRows.size() * 128);
            content.append(header);
            textRows.values().forEach(row -> content.append(row).append("\r\n"));
            return Optional.of(new Union(
                    MergedFileSet.Part.made(new SnapshotFile(file.fileName(), content.toString(), textRows.size())),
                    null,
                    null));
        }
        Map<String, Map<String, String>> rowsById = new LinkedHashMap<>();
        Set<String> extensions = new TreeSet<>();
        for (SchoolFiles school : schools) {
            Optional<SnapshotFile> source = school.file(file.fileName());
            if (source.isEmpty()) {
                continue;
            }
            for (CsvRow row : read(school.schoolId(), file, source.get()).rows()) {
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
        if (rowsById.isEmpty() && !emptiedOnPurposeByAll(file, schools)) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>(file.columns());
        extensions.forEach(name -> columns.add(OneRosterFile.EXTENSION_PREFIX + name));
        List<List<String>> rows = rowsById.values().stream()
                .map(values ->
                        columns.stream().map(c -> values.getOrDefault(c, "")).toList())
                .toList();
        SnapshotFile merged =
                new SnapshotFile(file.fileName(), CsvWriter.write(file, List.copyOf(extensions), rows), rows.size());
        return Optional.of(new Union(MergedFileSet.Part.made(merged), null, null));
    }

    /** A file made from disjoint rows: its size and SHA-256 stand for it while its group's files stay the same. */
    private void remember(Union union, MergedFileSet set) {
        if (union.group() == null) {
            return;
        }
        String name = union.part().name();
        disjoint.computeIfPresent(
                union.group(),
                (group, known) -> known.hashes().equals(union.hashes()) && known.sha256() == null
                        ? new Disjoint(known.hashes(), known.rows(), set.sha256(name), set.size(name))
                        : known);
    }

    /**
     * The rows of every school's file by sourcedId, first school first, as text; null when a file is not in the
     * writer's canonical form or two schools' rows of one user differ (their orgSourcedIds are then joined), which
     * the parsing union does. Disjoint when no sourcedId came twice: the union is then the files' bodies in order.
     */
    private static TextUnion unionOfRows(OneRosterFile file, List<SchoolFiles> schools) {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> texts = texts(file, schools);
        int split = 0;
        for (String text : texts) {
            List<CanonicalRows.Row> schoolRows = CanonicalRows.split(file, text);
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
        return new TextUnion(rows, rows.size() == split, texts);
    }

    /** The rows by sourcedId, whether no sourcedId came twice, and the schools' texts they were split from. */
    private record TextUnion(Map<String, String> rows, boolean disjoint, List<String> texts) {}

    /** The text of every school's copy of the file, in the schools' order (a school without one has none here). */
    private static List<String> texts(OneRosterFile file, List<SchoolFiles> schools) {
        List<String> texts = new ArrayList<>(schools.size());
        for (SchoolFiles school : schools) {
            school.file(file.fileName()).ifPresent(source -> texts.add(source.content()));
        }
        return texts;
    }

    /**
     * What is remembered of a group's file whose rows proved disjoint: the digest of the school files' hashes, the
     * rows, and once the merged file was made, its SHA-256 and size (null and -1 before).
     */
    private record Disjoint(String hashes, int rows, String sha256, long size) {}

    /** The file and the schools whose copies of it are united: a destination's, for one file. */
    private static String group(OneRosterFile file, List<SchoolFiles> schools) {
        StringBuilder group = new StringBuilder(file.fileName());
        schools.forEach(school -> group.append('|').append(school.schoolId()));
        return group.toString();
    }

    /**
     * One SHA-256 over the content hash each school names for the file ({@code -} where a school has no such file), so
     * what is remembered per group stays small however many schools it has; null when a school's copy carries none (a
     * snapshot that sent the file itself): then only splitting can tell.
     */
    private static String hashes(OneRosterFile file, List<SchoolFiles> schools) {
        StringBuilder hashes = new StringBuilder();
        for (SchoolFiles school : schools) {
            Optional<SnapshotFile> source = school.named(file.fileName());
            if (source.isPresent() && source.get().contentHash() == null) {
                return null;
            }
            hashes.append(source.map(SnapshotFile::contentHash).orElse("-")).append('|');
        }
        return FileSetHash.ofContent(hashes.toString());
    }

    /** The header once, then every school's rows as its file has them: the union of files known to be disjoint. */
    private static SnapshotFile concatenation(OneRosterFile file, List<String> texts, int rows) {
        String header = String.join(",", file.columns()) + "\r\n";
        int length = header.length();
        for (String text : texts) {
            length += text.length() - header.length();
        }
        StringBuilder content = new StringBuilder(length);
        content.append(header);
        texts.forEach(text -> content.append(text, header.length(), text.length()));
        return new SnapshotFile(file.fileName(), content.toString(), rows);
    }

    /** The first school's manifest, with each file marked bulk when the merged set has it and absent otherwise. */
    private SnapshotFile manifest(SchoolFiles first, Set<OneRosterFile> present) throws MergeException {
        List<List<String>> rows = new ArrayList<>();
        Optional<SnapshotFile> source = first.file(OneRosterFile.MANIFEST.fileName());
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
    private static boolean emptiedOnPurposeByAll(OneRosterFile file, List<SchoolFiles> schools) {
        return schools.stream()
                .allMatch(school -> school.shell().emptyOnPurpose().contains(file.manifestName()));
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
}
