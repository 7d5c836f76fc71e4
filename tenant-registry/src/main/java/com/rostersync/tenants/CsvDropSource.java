package com.rostersync.tenants;

import java.time.Duration;

/**
 * A OneRoster CSV drop: a local {@code folder}, or a {@code directory} on an SFTP site reached with a pinned host
 * key ({@code knownHosts} is a known_hosts line).
 */
public record CsvDropSource(
        String folder,
        String host,
        int port,
        String username,
        SecretRef password,
        SecretRef privateKey,
        String knownHosts,
        String directory,
        Duration timeout) {

    public boolean isSftp() {
        return host != null;
    }
}
