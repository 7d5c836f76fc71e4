package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.csv.DropFetcher;
import com.rostersync.extractor.source.csv.SftpDropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import com.rostersync.testsupport.SftpTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SftpDropFetcherContractTest extends DropFetcherContract {

    private static final String USER = "anne";
    private static final String PASSWORD = "drop-password";
    private static final String PASSWORD_REF = "ANNE_DROP_PASSWORD";
    private static final AtomicInteger DROPS = new AtomicInteger();

    @TempDir
    static Path dir;

    private static SftpTestServer sftp;
    private String directory;

    @BeforeAll
    static void startServer() {
        sftp = SftpTestServer.start(dir.resolve("sftp"), dir.resolve("hostkey.ser"))
                .withPasswordUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        sftp.close();
    }

    @BeforeEach
    void writeDrop() {
        directory = "drop-" + DROPS.incrementAndGet();
        Drops.goodDropIn(sftp.homeOf(USER).resolve(directory));
    }

    @Override
    protected DropFetcher fetcher() {
        return fetcher(PASSWORD);
    }

    @Override
    protected DropFetcher fetcherWithWrongCredentials() {
        return fetcher(WRONG_SECRET);
    }

    @Override
    protected Path dropFolder() {
        return sftp.homeOf(USER).resolve(directory);
    }

    @Override
    protected Tenant tenant() {
        return tenantAt(sftp.port());
    }

    @Override
    protected Tenant unreachableTenant() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return tenantAt(socket.getLocalPort());
        }
    }

    private Tenant tenantAt(int port) {
        return Tenants.sftpDrop(
                "st-anne",
                "127.0.0.1",
                port,
                USER,
                PASSWORD_REF,
                sftp.knownHostsLine(),
                "/home/" + USER + "/" + directory,
                List.of("SA"));
    }

    private static DropFetcher fetcher(String password) {
        return new SftpDropFetcher(new SecretResolver(Map.of(PASSWORD_REF, password), null), Duration.ofSeconds(5));
    }
}
