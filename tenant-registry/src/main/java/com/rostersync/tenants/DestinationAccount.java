package com.rostersync.tenants;

import java.time.Duration;
import java.util.List;

/**
 * One SFTP account at the destination (a Clever account is one SFTP user). It covers {@code schoolIds} of its tenant
 * (a district account covers several). The server's host key is pinned by a known_hosts line; there is no "accept
 * any key" switch. Exactly one of {@code password} and {@code privateKey} authenticates. {@code extensionColumns} says
 * whether the account receives the source's OneRoster extension columns ({@code metadata.*}); most receivers do not
 * expect them, so they are dropped unless the account asks to keep them. {@code allowedSchoolIds} is the set of
 * schools the account may ever receive (the district it belongs to); it defaults to {@code schoolIds}, and the
 * publisher refuses an upload naming any other school, so a roster never lands in another district's account.
 */
public record DestinationAccount(
        String id,
        String host,
        int port,
        String username,
        SecretRef password,
        SecretRef privateKey,
        SecretRef privateKeyPassphrase,
        String knownHosts,
        String directory,
        List<String> schoolIds,
        Duration minInterval,
        ExtensionColumns extensionColumns,
        List<String> allowedSchoolIds) {

    /** What an account receives of the source's {@code metadata.*} columns. */
    public enum ExtensionColumns {
        KEEP,
        DROP
    }

    public DestinationAccount {
        extensionColumns = extensionColumns == null ? ExtensionColumns.DROP : extensionColumns;
        schoolIds = schoolIds == null ? List.of() : List.copyOf(schoolIds);
        allowedSchoolIds = allowedSchoolIds == null ? schoolIds : List.copyOf(allowedSchoolIds);
    }

    /** An account that may receive exactly the schools it covers. */
    public DestinationAccount(
            String id,
            String host,
            int port,
            String username,
            SecretRef password,
            SecretRef privateKey,
            SecretRef privateKeyPassphrase,
            String knownHosts,
            String directory,
            List<String> schoolIds,
            Duration minInterval,
            ExtensionColumns extensionColumns) {
        this(
                id,
                host,
                port,
                username,
                password,
                privateKey,
                privateKeyPassphrase,
                knownHosts,
                directory,
                schoolIds,
                minInterval,
                extensionColumns,
                null);
    }

    /** An account that receives the standard columns only. */
    public DestinationAccount(
            String id,
            String host,
            int port,
            String username,
            SecretRef password,
            SecretRef privateKey,
            SecretRef privateKeyPassphrase,
            String knownHosts,
            String directory,
            List<String> schoolIds,
            Duration minInterval) {
        this(
                id,
                host,
                port,
                username,
                password,
                privateKey,
                privateKeyPassphrase,
                knownHosts,
                directory,
                schoolIds,
                minInterval,
                ExtensionColumns.DROP);
    }

    /** The schools this account covers that it is not bound to receive: any one of them refuses the upload. */
    public List<String> schoolsNotAllowed(List<String> candidateSchoolIds) {
        return candidateSchoolIds.stream()
                .filter(school -> !allowedSchoolIds.contains(school))
                .distinct()
                .toList();
    }

    public boolean keepsExtensionColumns() {
        return extensionColumns == ExtensionColumns.KEEP;
    }

    /**
     * {@code oneroster11/}, relative to the account's login directory: on Clever the login directory is
     * {@code /home/<username>}, so the files land in {@code /home/<username>/oneroster11/} as Clever expects; on an
     * ordinary OpenSSH account they land in the user's home, with no {@code directory:} to set. The same for every
     * username.
     */
    public static String defaultDirectory(String username) {
        return "oneroster11/";
    }
}
