package com.rostersync.publisher.upload;

import com.rostersync.publisher.SftpFixtures;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.testsupport.SftpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP adapter against a real MINA SSHD server, host key pinned. */
class AtomicSftpUploaderContractTest extends DestinationUploaderContract {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

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
        uploader = new AtomicSftpUploader(factories, ".part");
    }

    @AfterAll
    static void stopServer() {
        factories.close();
        server.close();
    }

    @Override
    protected DestinationUploader uploader() {
        return uploader;
    }

    @Override
    protected DestinationAccount account() {
        return SftpFixtures.passwordDestination(server, secrets, "contract-" + ACCOUNTS.incrementAndGet(), "MHS");
    }

    @Override
    protected DestinationAccount accountWithWrongSecret() {
        String user = "contract-wrong-" + ACCOUNTS.incrementAndGet();
        server.withPasswordUser(user, "the-real-one");
        SftpFixtures.writeSecret(secrets, user + "-password", WRONG_SECRET);
        return SftpFixtures.destination(server, user, new SecretRef(user + "-password"), null, null, List.of("MHS"));
    }

    @Override
    protected DestinationAccount unreachableAccount() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String user = "contract-gone-" + ACCOUNTS.incrementAndGet();
        SftpFixtures.writeSecret(secrets, user + "-password", "pw");
        return SftpFixtures.destinationAt(
                server.host(),
                closedPort,
                server.knownHostsLine(),
                user,
                new SecretRef(user + "-password"),
                null,
                null,
                List.of("MHS"));
    }

    @Override
    protected Map<String, String> filesIn(DestinationAccount account) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(server.homeOf(account.username()).resolve("oneroster11"))) {
            for (Path file : listing.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    @Override
    protected void refuseWrites(DestinationAccount account) {
        server.makeReadOnly(account.username());
    }

    @Override
    protected void acceptWrites(DestinationAccount account) {
        server.clearFaults(account.username());
    }
}
