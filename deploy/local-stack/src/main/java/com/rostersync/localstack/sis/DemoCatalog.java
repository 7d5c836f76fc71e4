package com.rostersync.localstack.sis;

import java.util.List;

/**
 * The demo's districts and schools, and how they are grouped into tenants and destination accounts. The data
 * generator and the launcher's tenant registry both read it, so the SIS and tenants.yml never disagree.
 */
public record DemoCatalog(List<DemoTenant> tenants) {

    /** A tenant: a district with several schools, or a private school that is its own account. */
    public record DemoTenant(
            String id,
            String name,
            boolean district,
            List<DemoSchool> schools,
            List<DemoDestination> destinations,
            List<String> leaders) {

        public List<String> schoolIds() {
            return schools.stream().map(DemoSchool::id).toList();
        }
    }

    public record DemoSchool(String id, String name, SchoolLevel level) {}

    /** One SFTP account at the stand-in Clever; {@code schoolIds} are the schools whose files it receives. */
    public record DemoDestination(String id, String username, List<String> schoolIds) {

        public String passwordRef() {
            return id.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_SFTP_PASSWORD";
        }
    }

    /**
     * Two districts and one private school: Maple Unified has one district account for its three schools, Riverside
     * has one account per school, St. Anne's is its own small tenant.
     */
    public static DemoCatalog standard() {
        return new DemoCatalog(List.of(
                new DemoTenant(
                        "maple",
                        "Maple Unified School District",
                        true,
                        List.of(
                                new DemoSchool("MHS", "Maple High School", SchoolLevel.HIGH),
                                new DemoSchool("MMS", "Maple Middle School", SchoolLevel.MIDDLE),
                                new DemoSchool("MES", "Maple Elementary School", SchoolLevel.ELEMENTARY)),
                        List.of(new DemoDestination("maple-district", "maple-clever", List.of("MHS", "MMS", "MES"))),
                        List.of("it-lead@maple.example.org")),
                new DemoTenant(
                        "riverside",
                        "Riverside County Schools",
                        true,
                        List.of(
                                new DemoSchool("RHS", "Riverside High School", SchoolLevel.HIGH),
                                new DemoSchool("RES", "Riverside Elementary School", SchoolLevel.ELEMENTARY)),
                        List.of(
                                new DemoDestination("riverside-high", "riverside-hs", List.of("RHS")),
                                new DemoDestination("riverside-elementary", "riverside-es", List.of("RES"))),
                        List.of("data@riverside.example.org", "principal@riverside.example.org")),
                new DemoTenant(
                        "st-anne",
                        "St. Anne's Academy",
                        false,
                        List.of(new DemoSchool("SAS", "St. Anne's Academy", SchoolLevel.K8)),
                        List.of(new DemoDestination("st-anne", "stanne", List.of("SAS"))),
                        List.of("office@stanne.example.org"))));
    }

    public List<DemoSchool> schools() {
        return tenants.stream().flatMap(t -> t.schools().stream()).toList();
    }

    public List<DemoDestination> destinations() {
        return tenants.stream().flatMap(t -> t.destinations().stream()).toList();
    }

    public DemoTenant tenantOf(String schoolId) {
        return tenants.stream()
                .filter(t -> t.schoolIds().contains(schoolId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo tenant has school " + schoolId));
    }
}
