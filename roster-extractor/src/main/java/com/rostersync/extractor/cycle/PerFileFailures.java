package com.rostersync.extractor.cycle;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.FileFailure;
import com.rostersync.extractor.change.EmptyTypeGuard;
import com.rostersync.oneroster.OneRosterFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seed rule "per-file failures": a file that fails is reported on its own, by file, line and field, and the records of
 * its type are carried forward, none of them deleted this cycle, whether the source is a CSV drop (a missing or broken
 * file, a broken row) or the SIS database (a row that cannot be mapped, a type read empty while records of it were
 * published). The sources and the {@link EmptyTypeGuard} find the failures; this says what one school carries forward
 * from them and how the outcome reports them. The change detector then deletes nothing carried forward.
 */
final class PerFileFailures {

    private PerFileFailures() {}

    /** What one school's changes must leave alone: whole types, and single records by id. */
    record CarriedForward(Set<EntityType> types, Map<EntityType, Set<String>> ids) {

        CarriedForward {
            types = Set.copyOf(types);
            ids = Map.copyOf(ids);
        }
    }

    /**
     * The types the source carried forward (a failed file or query), those the empty-type guard holds for the school,
     * and the single records the source could not read.
     */
    static CarriedForward forSchool(
            Set<EntityType> bySource, Map<EntityType, Set<String>> idsBySource, EmptyTypeGuard.Verdict empty) {
        Set<EntityType> types = new TreeSet<>(bySource);
        types.addAll(empty.carriedForward());
        return new CarriedForward(types, idsBySource);
    }

    /**
     * The outcome's account of the failures: only a OneRoster file (or the zip holding them) or a query has records to
     * carry forward; a stray file (notes.txt, an .xlsx) is simply not read.
     */
    static String describe(List<FileFailure> failures) {
        List<String> stray = new ArrayList<>();
        int rosterFiles = 0;
        for (FileFailure failure : failures) {
            String name = failure.file() == null ? "" : failure.file();
            // A roster file, the drop's archive, or a query (a JDBC type read empty) stands for records.
            if (OneRosterFile.byFileName(name).isPresent()
                    || name.toLowerCase(Locale.ROOT).endsWith(".zip")
                    || !name.contains(".")) {
                rosterFiles++;
            } else {
                stray.add(name);
            }
        }
        String text = "";
        if (rosterFiles > 0) {
            text += "; " + rosterFiles + " file problem(s), their records carried forward";
        }
        if (!stray.isEmpty()) {
            text += "; " + stray.size() + " file(s) that are not OneRoster files ignored: " + String.join(", ", stray);
        }
        return text;
    }
}
