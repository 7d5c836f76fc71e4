package com.rostersync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on a free loopback port, laid out like Clever's: each user is chrooted and
 * sees {@code /home/<username>/}, which is the folder {@link #homeOf} on disk. Users log in with a password or a public
 * key; the host key is kept in a file so that a restarted server keeps its identity (and pinned clients still trust it).
 */
public final class SftpTestServer implements AutoCloseable {

    private final SshServer server;
    private final Path root;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Set<PublicKey>> keys = new ConcurrentHashMap<>();

    private SftpTestServer(Path root, Path hostKeyFile, int port) {
        this.root = root;
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPasswordAuthenticator((user, password, session) -> password.equals(passwords.get(user)));
        server.setPublickeyAuthenticator((user, key, session) -> keys.getOrDefault(user, Set.of()).stream()
                .anyMatch(allowed -> KeyUtils.compareKeys(allowed, key)));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
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

    public boolean isRunning() {
        return server.isStarted();
    }

    @Override
    public void close() {
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
            Path chroot = root.resolve(session.getUsername());
            Files.createDirectories(chroot);
            return new RootedFileSystemProvider().newFileSystem(chroot, Map.of());
        }
    }
}
