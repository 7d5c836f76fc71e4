package com.rostersync.publisher.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import com.rostersync.publisher.SftpFixtures;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.merge.SnapshotMerger;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.testsupport.SftpTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtomicSftpUploaderTest {

    private static final String SUFFIX = ".part";

    @TempDir
    static Path temp;

    private static SftpTestServer server;
    private static Path secrets;
    private static SftpSessionFactories factories;
    private static AtomicSftpUploader uploader;

    @BeforeAll
    static void startServer() {
        server = SftpTestServer.start(temp.resolve("sftp"), temp.resolve("host.key"));
        secrets = temp.resolve("secrets");
        factories = new SftpSessionFactories(
                new SecretResolver(Map.of(), secrets),
                new SftpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5)),
                SftpFixtures.idleCloser());
        uploader = new AtomicSftpUploader(factories, SUFFIX);
    }

    @AfterAll
    static void stopServer() {
        factories.close();
        server.close();
    }

    @Test
    void uploadsEveryFileWithPasswordAuthAndLeavesNoTemporaryFile() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "pw-user", "MHS");
        MergedFileSet files = files(SnapshotFixtures.school("maple", "MHS", 1));

        UploadReceipt receipt = uploader.upload(destination, files);

        assertThat(receipt.files()).isEqualTo(files.files().size());
        assertThat(receipt.bytes()).isEqualTo(files.totalBytes());
        assertSameFiles("pw-user", files);
    }

    @Test
    void uploadsWithAPassphraseProtectedPrivateKey() throws Exception {
        KeyPair keys = SftpFixtures.ecKeyPair();
        SftpFixtures.writeSecret(secrets, "key-user-key", SftpFixtures.openSshPrivateKey(keys, "open sesame"));
        SftpFixtures.writeSecret(secrets, "key-user-passphrase", "open sesame");
        server.withKeyUser("key-user", keys.getPublic());
        DestinationAccount destination = SftpFixtures.destination(
                server,
                "key-user",
                null,
                new SecretRef("key-user-key"),
                new SecretRef("key-user-passphrase"),
                List.of("MHS"));
        MergedFileSet files = files(SnapshotFixtures.school("maple", "MHS", 1));

        uploader.upload(destination, files);

        assertSameFiles("key-user", files);
    }

    @Test
    void aRefusedPasswordIsDestinationCredentials() {
        server.withPasswordUser("wrong-pw", "the-real-one");
        SftpFixtures.writeSecret(secrets, "wrong-pw-password", "not-it");
        DestinationAccount destination = SftpFixtures.destination(
                server, "wrong-pw", new SecretRef("wrong-pw-password"), null, null, List.of("MHS"));

        assertThatThrownBy(() -> uploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 1))))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.DESTINATION_CREDENTIALS);
                    assertThat(failure.isRetryable()).isFalse();
                    assertThat(failure.getMessage()).doesNotContain("not-it");
                });
    }

    @Test
    void aWrongKeyPassphraseIsDestinationCredentials() {
        KeyPair keys = SftpFixtures.ecKeyPair();
        SftpFixtures.writeSecret(secrets, "locked-key", SftpFixtures.openSshPrivateKey(keys, "right"));
        SftpFixtures.writeSecret(secrets, "locked-passphrase", "wrong");
        server.withKeyUser("locked", keys.getPublic());
        DestinationAccount destination = SftpFixtures.destination(
                server,
                "locked",
                null,
                new SecretRef("locked-key"),
                new SecretRef("locked-passphrase"),
                List.of("MHS"));

        assertThatThrownBy(() -> uploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 1))))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                    assertThat(failure.reason())
                            .as(failure.getMessage())
                            .isEqualTo(OutcomeReason.DESTINATION_CREDENTIALS);
                    assertThat(failure.getMessage()).doesNotContain("wrong", "PRIVATE KEY");
                });
    }

    @Test
    void aSecretThatIsNowhereIsDestinationCredentialsNamingOnlyItsReference() {
        server.withPasswordUser("nosecret", "irrelevant");
        DestinationAccount destination = SftpFixtures.destination(
                server, "nosecret", new SecretRef("NOSECRET_PASSWORD"), null, null, List.of("MHS"));

        assertThatThrownBy(() -> uploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 1))))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.DESTINATION_CREDENTIALS);
                    assertThat(failure.getMessage()).contains("NOSECRET_PASSWORD");
                });
    }

    @Test
    void anUnknownHostKeyIsHostKeyMismatchAndNothingIsSent() throws Exception {
        DestinationAccount pinned = SftpFixtures.passwordDestination(server, secrets, "mitm", "MHS");
        DestinationAccount destination = SftpFixtures.destinationAt(
                pinned.host(),
                pinned.port(),
                SftpFixtures.wrongKnownHostsLine(server),
                "mitm",
                pinned.password(),
                null,
                null,
                List.of("MHS"));

        assertThatThrownBy(() -> uploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 1))))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.HOST_KEY_MISMATCH));
        assertThat(listing("mitm")).isEmpty();
    }

    @Test
    void aReadOnlyDirectoryIsPermissionDeniedAndThePreviousSetStays() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "readonly", "MHS");
        MergedFileSet first = files(SnapshotFixtures.school("maple", "MHS", 1));
        uploader.upload(destination, first);
        server.makeReadOnly("readonly");
        try {
            assertThatThrownBy(() -> uploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 2))))
                    .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                        assertThat(failure.reason()).isEqualTo(OutcomeReason.PERMISSION_DENIED);
                        assertThat(failure.file()).isNotNull();
                    });
            assertSameFiles("readonly", first);
        } finally {
            server.clearFaults("readonly");
        }
    }

    @Test
    void aFullDiskIsDiskFullAndThePreviousSetStays() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "full", "MHS");
        MergedFileSet first = files(SnapshotFixtures.school("maple", "MHS", 1));
        uploader.upload(destination, first);
        server.simulateDiskFull("full");
        try {
            assertThatThrownBy(() -> uploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 2))))
                    .isInstanceOfSatisfying(UploadFailure.class, failure -> assertThat(failure.reason())
                            .isEqualTo(OutcomeReason.DISK_FULL));
            assertSameFiles("full", first);
        } finally {
            server.clearFaults("full");
        }
    }

    @Test
    void aConnectionCutInsideALargeFileShowsNoPartialFileAndTheNextUploadCompletes() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "cut", "MHS");
        MergedFileSet first = files(SnapshotFixtures.school("maple", "MHS", 1));
        uploader.upload(destination, first);
        MergedFileSet large = files(SnapshotFixtures.largeSchool("maple", "MHS", 2, 20_000));
        server.dropConnectionOnceAfter("cut", 200_000);

        assertThatThrownBy(() -> uploader.upload(destination, large))
                .isInstanceOfSatisfying(UploadFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.DESTINATION_UNAVAILABLE);
                    assertThat(failure.isRetryable()).isTrue();
                });
        assertThat(server.droppedConnections()).isPositive();
        assertThat(visibleCsvFiles("cut")).isEqualTo(csvNames(first));
        assertSameContent("cut", first);

        uploader.upload(destination, large);

        assertSameFiles("cut", large);
    }

    @Test
    @Timeout(60)
    void anIdleCachedSessionIsClosedQuietlyBeforeTheReadTimeoutWouldEndItAsAnError() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "idle-user", "MHS");
        SftpSessionFactories quick = factories(Duration.ofSeconds(2), Duration.ofMillis(500));
        try (ClientSshWarnings warnings = new ClientSshWarnings()) {
            AtomicSftpUploader withIdleTimeout = new AtomicSftpUploader(quick, SUFFIX);
            withIdleTimeout.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 1)));

            assertThat(server.openSessions("idle-user"))
                    .as("the cached session, right after the upload")
                    .isOne();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openSessions("idle-user") == 0);
            // Longer than the transfer (read) timeout, which ended idle sessions with a WARN before.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> warnings.list()
                    .isEmpty());
            MergedFileSet second = files(SnapshotFixtures.school("maple", "MHS", 2));
            withIdleTimeout.upload(destination, second);
            assertSameFiles("idle-user", second);
        } finally {
            quick.close();
        }
    }

    @Test
    @Timeout(60)
    void aCachedSessionKeptAliveOutlivesTheReadTimeoutAndTheNextUploadLogsInNoMore() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "kept-user", "MHS");
        // The read timeout is the transfer timeout, 1 s: a session that heard nothing for that long would be ended.
        SftpSessionFactories keeping = factories(Duration.ofSeconds(1), Duration.ofMinutes(1));
        try (ClientSshWarnings warnings = new ClientSshWarnings()) {
            AtomicSftpUploader keepingUploader = new AtomicSftpUploader(keeping, SUFFIX);
            keepingUploader.upload(destination, files(SnapshotFixtures.school("maple", "MHS", 1)));
            assertThat(server.passwordLogins("kept-user")).isOne();

            Thread.sleep(4_000);

            assertThat(server.openSessions("kept-user"))
                    .as("the cached session, four read timeouts after the upload")
                    .isOne();
            assertThat(warnings.list()).isEmpty();
            MergedFileSet second = files(SnapshotFixtures.school("maple", "MHS", 2));
            keepingUploader.upload(destination, second);
            assertSameFiles("kept-user", second);
            assertThat(server.passwordLogins("kept-user"))
                    .as("logins: the second upload used the session of the first")
                    .isOne();
        } finally {
            keeping.close();
        }
    }

    private static SftpSessionFactories factories(Duration transfer, Duration idle) {
        return new SftpSessionFactories(
                new SecretResolver(Map.of(), secrets),
                new SftpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), transfer, idle),
                SftpFixtures.idleCloser());
    }

    /**
     * The SSH library's warnings while open, but for the test server's own (org.apache.sshd.server) about a client
     * leaving, which are not ours.
     */
    private static final class ClientSshWarnings implements AutoCloseable {

        private final ch.qos.logback.classic.Logger sshd =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.sshd");
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();

        ClientSshWarnings() {
            events.start();
            sshd.addAppender(events);
        }

        List<String> list() {
            return events.list.stream()
                    .filter(e -> !e.getLoggerName().startsWith("org.apache.sshd.server"))
                    .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .toList();
        }

        @Override
        public void close() {
            sshd.detachAppender(events);
        }
    }

    @Test
    @Timeout(60)
    void aServerThatHangsMidFileIsUnavailableAfterTheTransferTimeoutAndThePreviousSetStays() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "frozen", "MHS");
        MergedFileSet first = files(SnapshotFixtures.school("maple", "MHS", 1));
        SftpSessionFactories impatient = new SftpSessionFactories(
                new SecretResolver(Map.of(), secrets),
                new SftpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(1)),
                SftpFixtures.idleCloser());
        try {
            AtomicSftpUploader uploaderWithShortTimeout = new AtomicSftpUploader(impatient, SUFFIX);
            uploaderWithShortTimeout.upload(destination, first);
            server.hangWrites("frozen");

            assertThatThrownBy(() -> uploaderWithShortTimeout.upload(
                            destination, files(SnapshotFixtures.school("maple", "MHS", 2))))
                    .isInstanceOfSatisfying(UploadFailure.class, failure -> assertThat(failure.reason())
                            .isEqualTo(OutcomeReason.DESTINATION_UNAVAILABLE));
            assertThat(visibleCsvFiles("frozen")).isEqualTo(csvNames(first));
            assertSameContent("frozen", first);
        } finally {
            server.clearFaults("frozen");
            impatient.close();
        }
    }

    @Test
    void temporaryFilesLeftByACrashAreRemovedByTheNextUpload() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "crashed", "MHS");
        Path folder = server.homeOf("crashed").resolve("oneroster11");
        Files.writeString(folder.resolve("users.csv" + SUFFIX), "half a file");
        Files.writeString(folder.resolve("orgs.csv" + SUFFIX), "another half");
        MergedFileSet files = files(SnapshotFixtures.school("maple", "MHS", 1));

        uploader.upload(destination, files);

        assertSameFiles("crashed", files);
    }

    @Test
    void theDefaultDirectoryIsOneroster11BelowTheLoginDirectoryWhichIsHomeOnClever() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "login-home", "MHS");
        MergedFileSet files = files(SnapshotFixtures.school("maple", "MHS", 1));

        uploader.upload(destination, files);

        assertThat(destination.directory())
                .as("relative, so a plain OpenSSH account needs no directory either")
                .isEqualTo("oneroster11/");
        assertSameFiles("login-home", files);
    }

    /** An absolute directory is taken from the root, a relative one from the login directory; both are created. */
    @ParameterizedTest
    @CsvSource({
        "absolute, /home/absolute/new/oneroster11/, new/oneroster11",
        "relative, exports/oneroster11/, exports/oneroster11"
    })
    void createsAMissingDirectoryAbsoluteOrBelowTheLoginDirectory(String user, String directory, String underHome)
            throws Exception {
        DestinationAccount destination =
                SftpFixtures.inDirectory(SftpFixtures.passwordDestination(server, secrets, user, "MHS"), directory);
        MergedFileSet files = files(SnapshotFixtures.school("maple", "MHS", 1));

        uploader.upload(destination, files);

        assertThat(Files.readString(server.homeOf(user).resolve(underHome).resolve("manifest.csv")))
                .isEqualTo(files.filesWithText().get(0).content());
    }

    @Test
    void aNewSetSendsOnlyItsChangedFilesAndTheManifestAndLeavesTheUnchangedOnesInPlace() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "partial", "MHS");
        MergedFileSet first = files(SnapshotFixtures.school("maple", "MHS", 1, "Ada Okafor"));
        MergedFileSet renamed = files(SnapshotFixtures.school("maple", "MHS", 1, "Ada Okafor-Lee"));
        UploadReceipt before = uploader.upload(destination, first, null);
        Map<String, Object> inodes = inodes("partial");

        UploadReceipt receipt = uploader.upload(destination, renamed, before.placement());

        assertSameFiles("partial", renamed);
        assertThat(receipt.files()).as("users.csv and manifest.csv").isEqualTo(2);
        assertThat(receipt.kept()).isEqualTo(renamed.files().size() - 2);
        assertThat(receipt.bytes()).isEqualTo(renamed.bytes("users.csv").length + renamed.bytes("manifest.csv").length);
        Map<String, Object> after = inodes("partial");
        for (SnapshotFile file : renamed.files()) {
            boolean sent = file.name().equals("users.csv") || file.name().equals("manifest.csv");
            assertThat(after.get(file.name()).equals(inodes.get(file.name())))
                    .as(file.name() + (sent ? " replaced" : " left in place"))
                    .isEqualTo(!sent);
        }
        assertThat(receipt.placement().files())
                .extracting(PlacedFile::name)
                .containsExactlyInAnyOrderElementsOf(csvNames(renamed));
    }

    @Test
    void aKeptFileTouchedOrRemovedOnTheServerSinceIsSentAgain() throws Exception {
        DestinationAccount destination = SftpFixtures.passwordDestination(server, secrets, "touched", "MHS");
        MergedFileSet first = files(SnapshotFixtures.school("maple", "MHS", 1, "Ada Okafor"));
        UploadReceipt before = uploader.upload(destination, first, null);
        Path folder = server.homeOf("touched").resolve("oneroster11");
        // Another writer's file of the same size; an hour older, as a write within the same second would not show.
        Files.writeString(folder.resolve("orgs.csv"), "x".repeat(first.bytes("orgs.csv").length));
        Files.setLastModifiedTime(
                folder.resolve("orgs.csv"),
                FileTime.from(before.placement()
                        .file("orgs.csv")
                        .orElseThrow()
                        .modifiedAt()
                        .minusSeconds(3600)));
        Files.delete(folder.resolve("courses.csv"));

        UploadReceipt receipt = uploader.upload(destination, first, before.placement());

        assertSameFiles("touched", first);
        assertThat(receipt.files())
                .as("orgs.csv (rewritten), courses.csv (removed) and manifest.csv")
                .isEqualTo(3);
    }

    @Test
    void aPlacementRecordedForAnotherFolderSendsEveryFile() throws Exception {
        DestinationAccount elsewhere = SftpFixtures.passwordDestination(server, secrets, "moved", "MHS");
        MergedFileSet files = files(SnapshotFixtures.school("maple", "MHS", 1));
        UploadReceipt before = uploader.upload(elsewhere, files, null);
        DestinationAccount moved = SftpFixtures.inDirectory(elsewhere, "exports/oneroster11/");

        UploadReceipt receipt = uploader.upload(moved, files, before.placement());

        assertThat(receipt.files()).isEqualTo(files.files().size());
        assertThat(receipt.kept()).isZero();
        assertThat(Files.readString(server.homeOf("moved").resolve("exports/oneroster11/users.csv")))
                .isEqualTo(new String(files.bytes("users.csv"), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> inodes(String user) throws IOException {
        Map<String, Object> inodes = new TreeMap<>();
        for (String name : listing(user)) {
            inodes.put(
                    name,
                    Files.getAttribute(
                            server.homeOf(user).resolve("oneroster11").resolve(name), "unix:ino"));
        }
        return inodes;
    }

    private static MergedFileSet files(SchoolSnapshot... snapshots) throws Exception {
        return new SnapshotMerger().merge(List.of(snapshots));
    }

    private static void assertSameFiles(String user, MergedFileSet files) throws IOException {
        assertThat(listing(user)).containsExactlyInAnyOrderElementsOf(csvNames(files));
        assertSameContent(user, files);
    }

    private static void assertSameContent(String user, MergedFileSet files) throws IOException {
        Path folder = server.homeOf(user).resolve("oneroster11");
        for (SnapshotFile file : files.filesWithText()) {
            assertThat(Files.readString(folder.resolve(file.name())))
                    .as(file.name())
                    .isEqualTo(file.content());
        }
    }

    private static List<String> csvNames(MergedFileSet files) {
        return files.files().stream().map(SnapshotFile::name).sorted().toList();
    }

    private static List<String> visibleCsvFiles(String user) throws IOException {
        return listing(user).stream()
                .filter(name -> name.endsWith(".csv"))
                .sorted()
                .toList();
    }

    private static List<String> listing(String user) throws IOException {
        try (Stream<Path> files = Files.list(server.homeOf(user).resolve("oneroster11"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
