package com.rostersync.extractor.cycle;

import com.rostersync.tenants.Tenant;
import java.util.List;
import java.util.Set;

/**
 * Seed rule "schools to sync are not found": a school id configured for the tenant that the source does not have
 * (a typo, or a school no longer shared) fails the whole tenant's cycle before anything is published, so a missing
 * school never becomes an archive of its students; the outcome names the missing ids.
 */
final class SchoolsNotFound {

    private SchoolsNotFound() {}

    /**
     * The tenant's configured schools the source lacks, in configured order; none when the source cannot tell which
     * schools it has ({@code foundSchoolIds} null: its schools file failed, reported as a file failure instead).
     */
    public static List<String> in(Tenant tenant, Set<String> foundSchoolIds) {
        if (foundSchoolIds == null) {
            return List.of();
        }
        return tenant.schoolIds().stream()
                .filter(id -> !foundSchoolIds.contains(id))
                .toList();
    }

    /** The outcome's message: the count and the ids (school ids only, never personal data). */
    public static String message(Tenant tenant, List<String> missing) {
        return "tenant " + tenant.id() + ": " + missing.size() + " configured school(s) not in the source: "
                + String.join(", ", missing) + "; nothing was published";
    }
}
