package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
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

/** The CSV drop adapter reading a drop on a real MINA SSHD site, host key pinned. */
class SftpDropRosterSourceContractTest extends RosterSourceContract {

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
    protected RosterSource source() {
        return source(PASSWORD);
    }

    @Override
    protected RosterSource sourceWithWrongCredentials() {
        return source(WRONG_SECRET);
    }

    @Override
    protected Tenant tenant(List<String> schoolIds) {
        return tenantAt(sftp.port(), schoolIds);
    }

    @Override
    protected String knownSchool() {
        return "SA";
    }

    @Override
    protected Tenant unreachableTenant() throws Exception {
        return tenantAt(closedPort(), List.of("SA"));
    }

    @Override
    protected void breakOneRecordOrFile() {
        Drops.write(sftp.homeOf(USER).resolve(directory), "courses.csv", Drops.headerOnly("courses.csv"));
    }

    private Tenant tenantAt(int port, List<String> schoolIds) {
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

    private static RosterSource source(String password) {
        return new CsvDropRosterSource(
                new FolderDropFetcher(),
                new SftpDropFetcher(new SecretResolver(Map.of(PASSWORD_REF, password), null), Duration.ofSeconds(5)));
    }
}
