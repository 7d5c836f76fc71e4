package com.rostersync.extractor.source.csv;

import com.rostersync.oneroster.OneRosterFile;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Compares two listings of a drop (one line per file: name, size, modification time). */
final class DropListing {

    private DropListing() {}

    /**
     * The roster files whose line differs between the two listings; every roster file when a file came or went, or
     * when anything else changed (the manifest, a zip, a stray file), since those can change how every file reads.
     */
    static Set<OneRosterFile> changedFiles(String before, String after) {
        Map<String, String> was = lines(before);
        Map<String, String> now = lines(after);
        Set<OneRosterFile> every = EnumSet.copyOf(OneRosterFile.rosterFiles());
        if (!was.keySet().equals(now.keySet())) {
            return every;
        }
        Set<OneRosterFile> changed = EnumSet.noneOf(OneRosterFile.class);
        for (Map.Entry<String, String> file : now.entrySet()) {
            if (file.getValue().equals(was.get(file.getKey()))) {
                continue;
            }
            Optional<OneRosterFile> known = OneRosterFile.byFileName(file.getKey());
            if (known.isEmpty() || !every.contains(known.get())) {
                return every;
            }
            changed.add(known.get());
        }
        return changed;
    }

    /** The name of the first file (in name order) that came, went or changed between the two listings, or null. */
    static String firstChangedName(String before, String after) {
        Map<String, String> was = lines(before);
        Map<String, String> now = lines(after);
        Set<String> names = new TreeSet<>(was.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            if (!Objects.equals(was.get(name), now.get(name))) {
                return name;
            }
        }
        return null;
    }

    private static Map<String, String> lines(String listing) {
        Map<String, String> byName = new HashMap<>();
        for (String line : listing.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            // The name may hold spaces; size and time never do.
            int time = line.lastIndexOf(' ');
            int size = time <= 0 ? -1 : line.lastIndexOf(' ', time - 1);
            byName.put(size < 0 ? line : line.substring(0, size), line);
        }
        return byName;
    }
}
