package com.rostersync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.root.RootedFileSystem;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.file.root.RootedPath;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on a free loopback port, laid out like Clever's: each user is chrooted, logs
 * in at {@code /home/<username>/} (so a relative {@code oneroster11/} lands in {@code /home/<username>/oneroster11/}),
 * which is the folder {@link #homeOf} on disk. Users log in with a password or a public
 * key; the host key is kept in a file so that a restarted server keeps its identity (and pinned clients still trust it).
 */
public final class SftpTestServer implements AutoCloseable {

    private final SshServer server;
    private final Path root;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Set<PublicKey>> keys = new ConcurrentHashMap<>();
    private final InjectedFaults faults = new InjectedFaults();
    private final Map<String, AtomicInteger> passwordLogins = new ConcurrentHashMap<>();

    private SftpTestServer(Path root, Path hostKeyFile, int port) {
        this.root = root;
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPasswordAuthenticator((user, password, session) -> {
            boolean accepted = password.equals(passwords.get(user));
            if (accepted) {
                passwordLogins.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            }
            return accepted;
        });
        server.setPublickeyAuthenticator((user, key, session) ->
                keys.getOrDefault(user, Set.of()).stream().anyMatch(allowed -> KeyUtils.compareKeys(allowed, key)));
        SftpSubsystemFactory sftpSubsystem = new SftpSubsystemFactory();
        sftpSubsystem.addSftpEventListener(faults);
        server.setSubsystemFactories(List.of(sftpSubsystem));
        server.setFileSystemFactory(new ChrootPerUser(root));
    }

    /** Starts a server on a free port whose users' files live under {@code root/<username>/home/<username>}. */
    public static SftpTestServer start(Path root, Path hostKeyFile) {
        return start(root, hostKeyFile, 0);
    }

    /** Starts on a given port (0 for a free one), e.g. to bring a server back on the port its clients know. */
    public static SftpTestServer start(Path root, Path hostKeyFile, int port) {
        SftpTestServer sftp = new SftpTestServer(root, hostKeyFile, port);
        try {
            Files.createDirectories(root);
            sftp.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("SFTP test server did not start", e);
        }
        return sftp;
    }

    /** Adds a password user and creates its home folder (with {@code oneroster11/} inside, as Clever does). */
    public SftpTestServer withPasswordUser(String username, String password) {
        passwords.put(username, password);
        createHome(username);
        return this;
    }

    /** Adds a public-key user and creates its home folder. */
    public SftpTestServer withKeyUser(String username, PublicKey key) {
        keys.computeIfAbsent(username, u -> ConcurrentHashMap.newKeySet()).add(key);
        createHome(username);
        return this;
    }

    /** From now on, agrees only on these ciphers (SSH names), like a server configured to offer fewer. */
    public SftpTestServer offeringOnlyCiphers(String... names) {
        server.setCipherFactories(Arrays.stream(names)
                .map(name -> {
                    BuiltinCiphers cipher = BuiltinCiphers.fromFactoryName(name);
                    if (cipher == null) {
                        throw new IllegalArgumentException("no cipher named " + name);
                    }
                    return (NamedFactory<Cipher>) cipher;
                })
                .toList());
        return this;
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The known_hosts line that pins this server's host key, as clients configure it. */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey());
    }

    public PublicKey hostKey() {
        try {
            return server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SFTP test server has no host key", e);
        }
    }

    /** The on-disk folder that the user sees as {@code /home/<username>}. */
    public Path homeOf(String username) {
        return chrootOf(username).resolve("home").resolve(username);
    }

    Path chrootOf(String username) {
        return root.resolve(username);
    }

    private void createHome(String username) {
        try {
            Files.createDirectories(homeOf(username).resolve("oneroster11"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the user's whole file system read-only, as a locked-down account would be: opening a file for writing,
     * creating, renaming or removing anything is refused with SFTP's permission-denied status. (File permissions
     * cannot do this when the tests run as root.)
     */
    public SftpTestServer makeReadOnly(String username) {
        faults.readOnly.add(username);
        return this;
    }

    /** Refuses every write of the user with SFTP's "no space on file system" status, as a full disk would. */
    public SftpTestServer simulateDiskFull(String username) {
        faults.diskFull.add(username);
        return this;
    }

    /**
     * Cuts the user's connection (once) as soon as a write reaches {@code afterBytes} of one file, leaving that file
     * partly written on disk, as a network drop in the middle of a large transfer does.
     */
    public SftpTestServer dropConnectionOnceAfter(String username, long afterBytes) {
        faults.dropAfterBytes.put(username, afterBytes);
        return this;
    }

    /**
     * Makes the server hang in the middle of the user's next file: the write is received but never answered, as a
     * server whose disk or process froze would. {@link #clearFaults} or {@link #close} lets it go on.
     */
    public SftpTestServer hangWrites(String username) {
        faults.hang.putIfAbsent(username, new CountDownLatch(1));
        return this;
    }

    /** Lifts every fault injected for the user. */
    public SftpTestServer clearFaults(String username) {
        faults.readOnly.remove(username);
        faults.diskFull.remove(username);
        faults.dropAfterBytes.remove(username);
        CountDownLatch hung = faults.hang.remove(username);
        if (hung != null) {
            hung.countDown();
        }
        return this;
    }

    /** How many connections were cut by {@link #dropConnectionOnceAfter}. */
    public int droppedConnections() {
        return faults.dropped.get();
    }

    /** Sessions of a user that are open now (e.g. a client's cached session that should have been closed). */
    public long openSessions(String username) {
        return server.getActiveSessions().stream()
                .filter(session -> username.equals(session.getUsername()) && session.isOpen())
                .count();
    }

    /** How many times the user logged in with its password: a client that reuses its session logs in once. */
    public int passwordLogins(String username) {
        AtomicInteger logins = passwordLogins.get(username);
        return logins == null ? 0 : logins.get();
    }

    public boolean isRunning() {
        return server.isStarted();
    }

    @Override
    public void close() {
        faults.hang.values().forEach(CountDownLatch::countDown);
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives each user a file system rooted at its own chroot, so users never see each other's files. */
    private static final class ChrootPerUser implements org.apache.sshd.common.file.FileSystemFactory {

        private final Path root;

        ChrootPerUser(Path root) {
            this.root = root;
        }

        @Override
        public Path getUserHomeDir(org.apache.sshd.common.session.SessionContext session) {
            return null;
        }

        @Override
        public java.nio.file.FileSystem createFileSystem(org.apache.sshd.common.session.SessionContext session)
                throws IOException {
            String username = session.getUsername();
            Path chroot = root.resolve(username);
            Files.createDirectories(chroot);
            return new LoginAtHome(chroot, username);
        }
    }

    /** A user's chrooted file system whose current directory at login is {@code /home/<username>}, as on Clever. */
    private static final class LoginAtHome extends RootedFileSystem {

        private final String username;

        LoginAtHome(Path chroot, String username) {
            super(new RootedFileSystemProvider(), chroot, Map.of());
            this.username = username;
        }

        @Override
        public RootedPath getDefaultDir() {
            return getPath("/home/" + username);
        }
    }

    /** Faults the tests switch on per user: read-only file system, full disk, connection cut mid-transfer. */
    private static final class InjectedFaults implements SftpEventListener {

        private final Set<String> readOnly = ConcurrentHashMap.newKeySet();
        private final Set<String> diskFull = ConcurrentHashMap.newKeySet();
        private final Map<String, Long> dropAfterBytes = new ConcurrentHashMap<>();
        private final AtomicInteger dropped = new AtomicInteger();
        private final Map<String, CountDownLatch> hang = new ConcurrentHashMap<>();

        @Override
        public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
            if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE)) {
                refuseWrites(session, localHandle.getFile());
            }
        }

        @Override
        public void writing(
                ServerSession session,
                String remoteHandle,
                FileHandle localHandle,
                long offset,
                byte[] data,
                int dataOffset,
                int dataLen)
                throws IOException {
            refuseWrites(session, localHandle.getFile());
            CountDownLatch hung = hang.get(session.getUsername());
            if (hung != null) {
                try {
                    hung.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            Long limit = dropAfterBytes.get(session.getUsername());
            if (limit != null && offset + dataLen >= limit && dropAfterBytes.remove(session.getUsername(), limit)) {
                dropped.incrementAndGet();
                session.close(true);
                throw new IOException("connection cut by the test server");
            }
        }

        @Override
        public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
            refuseWrites(session, path);
        }

        @Override
        public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
                throws IOException {
            refuseWrites(session, dstPath);
        }

        @Override
        public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
            refuseWrites(session, path);
        }

        private void refuseWrites(ServerSession session, Path path) throws IOException {
            if (readOnly.contains(session.getUsername())) {
                throw new AccessDeniedException(path.toString(), null, "read-only file system");
            }
            if (diskFull.contains(session.getUsername())) {
                throw new SftpException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "No space left on device");
            }
        }
    }
}
