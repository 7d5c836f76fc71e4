import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.publisher.SftpFixtures;
import com.rostersync.publisher.SnapshotFixtures;
import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.publisher.merge.SnapshotMerger;
import com.rostersync.publisher.upload.AtomicSftpUploader;
import com.rostersync.publisher.upload.SftpSessionFactories;
import com.rostersync.publisher.upload.SftpTimeouts;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.testsupport.SftpTestServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Upload throughput of the publisher's atomic uploader (Spring Integration SFTP: temp names, size checks, renames)
 * against a local MINA SSHD SFTP server, compared in the same run with plain puts of the same files by MINA's own
 * SftpClient and, when installed, by OpenSSH's sftp client. The Java clients reuse one logged-in session; each
 * OpenSSH round is a new process, so it also pays for a connection and key exchange. Usage: bench/publisher/run.sh [users] [rounds].
 */
public class PublisherThroughputBench {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("publisher-bench");
        SchoolSnapshot snapshot = SnapshotFixtures.largeSchool("bench", "BHS", 1, users);
        MergedFileSet files = new SnapshotMerger().merge(List.of(snapshot));
        long bytes = files.totalBytes();
        Path local = Files.createDirectories(work.resolve("local"));
        for (var file : files.filesWithText()) {
            Files.writeString(local.resolve(file.name()), file.content(), StandardCharsets.UTF_8);
        }
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        KeyPair keys = SftpFixtures.ecKeyPair();
        Path keyFile = secrets.resolve("bench-key");
        Files.writeString(keyFile, SftpFixtures.openSshPrivateKey(keys, null));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        try (SftpTestServer server = SftpTestServer.start(work.resolve("sftp"), work.resolve("host.key"))) {
            server.withKeyUser("ours", keys.getPublic()).withKeyUser("mina", keys.getPublic())
                    .withKeyUser("openssh", keys.getPublic());
            DestinationAccount destination = SftpFixtures.destination(server, "ours", null, new SecretRef("bench-key"),
                    null, List.of("BHS"));
            SftpSessionFactories factories = new SftpSessionFactories(new SecretResolver(Map.of(), secrets),
                    new SftpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60)), SftpFixtures.idleCloser());
            AtomicSftpUploader uploader = new AtomicSftpUploader(factories, ".part");
            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.addPublicKeyIdentity(keys);
            client.start();
            // Both Java clients keep one logged-in session across rounds, as the publisher's cached sessions do.
            ClientSession minaSession = client.connect("mina", server.host(), server.port()).verify(10_000)
                    .getSession();
            minaSession.auth().verify(10_000);
            SftpClient minaSftp = SftpClientFactory.instance().createSftpClient(minaSession);
            boolean openSsh = Files.isExecutable(Path.of("/usr/bin/sftp"));
            Path batch = work.resolve("batch.txt");
            StringBuilder commands = new StringBuilder("cd /home/openssh/oneroster11\n");
            for (var file : files.files()) {
                commands.append("put ").append(local.resolve(file.name())).append(' ').append(file.name()).append('\n');
            }
            Files.writeString(batch, commands);

            List<Long> ours = new ArrayList<>();
            List<Long> mina = new ArrayList<>();
            List<Long> openssh = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                uploader.upload(destination, files);
                long oursNanos = System.nanoTime() - start;

                start = System.nanoTime();
                for (var file : files.files()) {
                    try (OutputStream out = minaSftp.write("/home/mina/oneroster11/" + file.name())) {
                        Files.copy(local.resolve(file.name()), out);
                    }
                }
                long minaNanos = System.nanoTime() - start;

                long opensshNanos = 0;
                if (openSsh) {
                    start = System.nanoTime();
                    Process process = new ProcessBuilder("/usr/bin/sftp", "-q", "-b", batch.toString(), "-P",
                            String.valueOf(server.port()), "-i", keyFile.toString(), "-o", "StrictHostKeyChecking=no",
                            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "openssh@" + server.host())
                            .redirectErrorStream(true).start();
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                        throw new IllegalStateException("OpenSSH sftp failed: " + output);
                    }
                    opensshNanos = System.nanoTime() - start;
                }
                if (round > 0) {
                    ours.add(oursNanos);
                    mina.add(minaNanos);
                    openssh.add(opensshNanos);
                }
            }
            minaSftp.close();
            minaSession.close();
            client.stop();
            factories.close();

            double oursMbs = mbPerSecond(bytes, median(ours));
            double minaMbs = mbPerSecond(bytes, median(mina));
            System.out.printf("files=%d bytes=%d rounds=%d (median of each, after one warm-up round)%n",
                    files.files().size(), bytes, rounds);
            System.out.println("| client | median time per set (ms) | MB/s | publisher vs. it |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| publisher (SI SFTP, atomic + verified) | %d | %.1f | 100%% |%n", median(ours) / 1_000_000,
                    oursMbs);
            System.out.printf("| MINA SftpClient, plain puts | %d | %.1f | %.0f%% |%n", median(mina) / 1_000_000, minaMbs,
                    100 * oursMbs / minaMbs);
            if (openSsh) {
                double opensshMbs = mbPerSecond(bytes, median(openssh));
                System.out.printf("| OpenSSH sftp, plain puts | %d | %.1f | %.0f%% |%n", median(openssh) / 1_000_000,
                        opensshMbs, 100 * oursMbs / opensshMbs);
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1_000_000.0 / (nanos / 1e9);
    }
}
