package com.rostersync.tenants;

import java.time.Duration;
import java.util.List;

/**
 * One SFTP account at the destination (a Clever account is one SFTP user). It covers {@code schoolIds} of its tenant
 * (a district account covers several). The server's host key is pinned by a known_hosts line; there is no "accept
 * any key" switch. Exactly one of {@code password} and {@code privateKey} authenticates.
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
        Duration minInterval) {

    /** Clever's pattern: the files go in {@code /home/<username>/oneroster11/}. */
    public static String defaultDirectory(String username) {
        return "/home/" + username + "/oneroster11/";
    }
}
