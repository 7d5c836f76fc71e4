package com.rostersync.localstack;

import com.rostersync.localstack.sis.DemoCatalog;
import com.rostersync.localstack.sis.DemoCatalog.DemoDestination;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.tenants.TenantRegistryLoader;
import java.time.Duration;
import java.util.List;

/**
 * Writes the local stack's tenant registry from the demo catalog: every tenant reads the demo SIS and uploads to the
 * stand-in Clever, whose port and host key are only known once it runs. The text is checked with the real loader
 * before any service sees it.
 */
final class TenantFile {

    static final String SIS_PASSWORD_REF = "DEMO_SIS_PASSWORD";

    private TenantFile() {}

    static String yaml(
            DemoCatalog catalog,
            String sisUrl,
            String sisUser,
            String sftpHost,
            int sftpPort,
            String knownHostsLine,
            Duration syncInterval) {
        StringBuilder out = new StringBuilder(
                        "# Written by the local stack at each start; edits are lost on restart.\n")
                .append("tenants:\n");
        for (DemoTenant tenant : catalog.tenants()) {
            out.append("  - id: ")
                    .append(tenant.id())
                    .append('\n')
                    .append("    name: ")
                    .append(quote(tenant.name()))
                    .append('\n')
                    .append("    schoolIds: ")
                    .append(list(tenant.schoolIds()))
                    .append('\n')
                    .append("    deletionThresholdPercent: 10\n")
                    // The demo uploads from its first cycle; a registry entry without a mode is a dry run.
                    .append("    mode: live\n")
                    .append("    syncInterval: ")
                    .append(syncInterval.toMillis())
                    .append("ms\n")
                    .append("    source:\n")
                    .append("      type: JDBC\n")
                    .append("      jdbc:\n")
                    .append("        url: ")
                    .append(quote(sisUrl))
                    .append('\n')
                    .append("        username: ")
                    .append(sisUser)
                    .append('\n')
                    .append("        passwordRef: ")
                    .append(SIS_PASSWORD_REF)
                    .append('\n')
                    // One process, no long transactions: a short overlap keeps the demo's cycles small.
                    .append("        changeTracking:\n")
                    .append("          overlap: 30s\n")
                    .append("    destinations:\n");
            for (DemoDestination destination : tenant.destinations()) {
                out.append("      - id: ")
                        .append(destination.id())
                        .append('\n')
                        .append("        host: ")
                        .append(sftpHost)
                        .append('\n')
                        .append("        port: ")
                        .append(sftpPort)
                        .append('\n')
                        .append("        username: ")
                        .append(destination.username())
                        .append('\n')
                        .append("        passwordRef: ")
                        .append(destination.passwordRef())
                        .append('\n')
                        .append("        knownHosts: ")
                        .append(quote(knownHostsLine))
                        .append('\n')
                        .append("        schoolIds: ")
                        .append(list(destination.schoolIds()))
                        .append('\n');
            }
            out.append("    leaders: ").append(list(tenant.leaders())).append('\n');
        }
        String yaml = out.toString();
        TenantRegistryLoader.parse(yaml, "local stack tenants.yml");
        return yaml;
    }

    private static String list(List<String> values) {
        return values.stream().map(TenantFile::quote).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
