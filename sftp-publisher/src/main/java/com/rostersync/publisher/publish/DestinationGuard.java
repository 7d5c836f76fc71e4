package com.rostersync.publisher.publish;

import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.oneroster.CsvFileException;
import com.rostersync.oneroster.CsvReader;
import com.rostersync.oneroster.OneRosterFile;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.tenants.DestinationAccount;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Each destination account is bound to the schools it may receive ({@code allowedSchoolIds}); a file set that names
 * any other school, among the schools the account is configured to cover or among the schools in its orgs file, is
 * refused whole, so no roster ever lands in the wrong district's account.
 */
final class DestinationGuard {

    private DestinationGuard() {}

    /** The school ids of {@code files} (and of the account's configured schools) it may not receive, in order. */
    static List<String> strangers(DestinationAccount destination, MergedFileSet files) {
        Set<String> named = new LinkedHashSet<>(destination.schoolIds());
        for (SnapshotFile file : files.files()) {
            if (file.name().equals(OneRosterFile.ORGS.fileName())) {
                named.addAll(schoolsIn(files.bytes(file.name())));
            }
        }
        return destination.schoolsNotAllowed(List.copyOf(named));
    }

    private static List<String> schoolsIn(byte[] orgs) {
        try {
            return CsvReader.read(OneRosterFile.ORGS, orgs).rows().stream()
                    .filter(row -> "school".equals(row.get("type")))
                    .map(row -> row.get("sourcedId"))
                    .toList();
        } catch (CsvFileException unreadable) {
            // The merger already read this file; one it cannot read never reaches here.
            return List.of();
        }
    }
}
