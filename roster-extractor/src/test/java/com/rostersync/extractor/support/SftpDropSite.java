package com.rostersync.extractor.support;

import com.rostersync.extractor.source.csv.SftpDropFetcher;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import com.rostersync.testsupport.SftpTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/**
 * A district's SFTP drop site on a real MINA SSHD server (one per test class, host key pinned): one password account,
 * and a fresh good drop in a folder of its own before each test. Register it as a static extension.
 */
public final class SftpDropSite implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    public static final String USER = "anne";
    private static final String PASSWORD = "drop-password";
    private static final String PASSWORD_REF = "ANNE_DROP_PASSWORD";

    private final AtomicInteger drops = new AtomicInteger();
    private Path dir;
    private SftpTestServer sftp;
    private String directory;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("sftp-drop-site");
        sftp = SftpTestServer.start(dir.resolve("sftp"), dir.resolve("hostkey.ser"))
                .withPasswordUser(USER, PASSWORD);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        sftp.close();
        FileSystemUtils.deleteRecursively(dir);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        directory = "drop-" + drops.incrementAndGet();
        Drops.goodDropIn(dropFolder());
    }

    /** The folder of this test's drop, as the server's file system holds it. */
    public Path dropFolder() {
        return sftp.homeOf(USER).resolve(directory);
    }

    public int port() {
        return sftp.port();
    }

    /** The St. Anne tenant reading this test's drop from the site at {@code port}. */
    public Tenant tenantAt(int port, List<String> schoolIds) {
        return Tenants.sftpDrop(
                "st-anne",
                "127.0.0.1",
                port,
                USER,
                PASSWORD_REF,
                sftp.knownHostsLine(),
                "/home/" + USER + "/" + directory,
                schoolIds);
    }

    /** A fetcher logging in with the account's password. */
    public SftpDropFetcher fetcher() {
        return fetcher(PASSWORD);
    }

    /** A fetcher logging in with {@code password} instead. */
    public SftpDropFetcher fetcher(String password) {
        return new SftpDropFetcher(secrets(password), Duration.ofSeconds(5));
    }

    /** A fetcher that takes a changed drop once its newest file is {@code settle} old, as the service's does. */
    public SftpDropFetcher settlingFetcher(Duration settle) {
        return new SftpDropFetcher(secrets(PASSWORD), Duration.ofSeconds(5), settle, Clock.systemUTC());
    }

    private static SecretResolver secrets(String password) {
        return new SecretResolver(Map.of(PASSWORD_REF, password), null);
    }
}
