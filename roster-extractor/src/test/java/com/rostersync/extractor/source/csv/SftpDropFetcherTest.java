package com.rostersync.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import com.rostersync.testsupport.SftpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop read from a real SFTP server (MINA SSHD) with the host key pinned. */
class SftpDropFetcherTest {

    private static final String USER = "anne";
    private static final String PASSWORD = "drop-password";

    @TempDir
    static Path dir;

    static SftpTestServer sftp;

    @BeforeAll
    static void startServer() throws Exception {
        sftp = SftpTestServer.start(dir.resolve("sftp"), dir.resolve("hostkey.ser"))
                .withPasswordUser(USER, PASSWORD);
        Drops.goodDropIn(sftp.homeOf(USER).resolve("drop"));
        Files.write(sftp.homeOf(USER).resolve("drop").resolve("users.csv.part"), new byte[] {1, 2, 3});
    }

    @AfterAll
    static void stopServer() {
        sftp.close();
    }

    @Test
    void readsTheDropOverSftpAndSkipsFilesStillUploading() throws SourceFailure {
        SourceRead read = source(PASSWORD).read(tenant(sftp.port(), sftp.knownHostsLine()));

        assertThat(read.fileFailures()).isEmpty();
        assertThat(read.recordsOf("SA")).hasSize(11);
    }

    @Test
    void anUnchangedDropIsListedButNotDownloadedAndAChangedOneIs() throws Exception {
        SftpDropFetcher fetcher = new SftpDropFetcher(
                new SecretResolver(Map.of("ANNE_DROP_PASSWORD", PASSWORD), null), Duration.ofSeconds(5));
        Tenant tenant = tenant(sftp.port(), sftp.knownHostsLine());
        DropFetcher.Drop first = fetcher.fetchIfChanged(tenant, null).orElseThrow();
        assertThat(first.files()).containsKey("users.csv").doesNotContainKey("users.csv.part");

        assertThat(fetcher.fetchIfChanged(tenant, first.listing())).isEmpty();

        Path users = sftp.homeOf(USER).resolve("drop").resolve("users.csv");
        byte[] before = Files.readAllBytes(users);
        try {
            Files.write(users, (new String(before, java.nio.charset.StandardCharsets.UTF_8) + "\r\n").getBytes());
            assertThat(fetcher.fetchIfChanged(tenant, first.listing()))
                    .hasValueSatisfying(changed -> assertThat(changed.listing()).isNotEqualTo(first.listing()));
        } finally {
            Files.write(users, before);
        }
    }

    @Test
    void rejectedPasswordIsSourceCredentials() {
        assertThatThrownBy(() -> source("wrong").read(tenant(sftp.port(), sftp.knownHostsLine())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_CREDENTIALS);
                    assertThat(failure.getMessage())
                            .contains("(SFTP login " + USER + "@127.0.0.1:" + sftp.port() + ")")
                            .doesNotContain("wrong");
                });
    }

    @Test
    void refusedConnectionIsSourceUnavailable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        assertThatThrownBy(() -> source(PASSWORD).read(tenant(port, sftp.knownHostsLine())))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE));
    }

    @Test
    void unexpectedHostKeyIsRefused() {
        String otherKey = "[127.0.0.1]:" + sftp.port()
                + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

        assertThatThrownBy(() -> source(PASSWORD).read(tenant(sftp.port(), otherKey)))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE));
    }

    @Test
    void aHeaderOnlyFileAndExtensionColumnsOverSftpAreReadLikeAFolderDrop() throws Exception {
        Path drop = Drops.extendedDropIn(sftp.homeOf(USER).resolve("drop-extended"));
        Drops.write(drop, "courses.csv", "\uFEFF" + Drops.headerOnly("courses.csv"));
        Tenant tenant = Tenants.sftpDrop(
                "st-anne-extended",
                "127.0.0.1",
                sftp.port(),
                USER,
                "ANNE_DROP_PASSWORD",
                sftp.knownHostsLine(),
                "/home/" + USER + "/drop-extended",
                List.of("SA"));

        SourceRead read = source(PASSWORD).read(tenant);

        assertThat(read.fileFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.file()).isEqualTo("courses.csv");
            assertThat(failure.reason()).startsWith("courses.csv has a header and no rows");
        });
        assertThat(read.carriedForward()).containsExactly(com.rostersync.events.EntityType.COURSE);
        assertThat(read.recordsOf("SA"))
                .filteredOn(r -> r.entityType() == com.rostersync.events.EntityType.PERSON)
                .hasSize(3)
                .anySatisfy(person -> assertThat(person.metadata()).containsEntry("phoneticGivenName", "tom"));
    }

    private static CsvDropRosterSource source(String password) {
        return new CsvDropRosterSource(
                new FolderDropFetcher(),
                new SftpDropFetcher(
                        new SecretResolver(Map.of("ANNE_DROP_PASSWORD", password), null), Duration.ofSeconds(5)));
    }

    private static Tenant tenant(int port, String knownHosts) {
        return Tenants.sftpDrop(
                "st-anne",
                "127.0.0.1",
                port,
                USER,
                "ANNE_DROP_PASSWORD",
                knownHosts,
                "/home/" + USER + "/drop",
                List.of("SA"));
    }
}
