package com.rostersync.publisher;

import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretRef;
import com.rostersync.testsupport.SftpTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Destination accounts and secrets for tests against the real MINA SSHD server. */
public final class SftpFixtures {

    private static final ThreadPoolTaskScheduler IDLE_CLOSER = idleCloserTimer();

    private SftpFixtures() {}

    /** The timer that closes idle SFTP sessions, shared by the tests' session factories as a service's one is. */
    public static TaskScheduler idleCloser() {
        return IDLE_CLOSER;
    }

    private static ThreadPoolTaskScheduler idleCloserTimer() {
        ThreadPoolTaskScheduler timer = new ThreadPoolTaskSchedulerBuilder()
                .threadNamePrefix("sftp-idle-closer-")
                .build();
        timer.setDaemon(true);
        timer.initialize();
        return timer;
    }

    /** A password account on the server; the password goes into the secrets folder as file {@code <user>-password}. */
    public static DestinationAccount passwordDestination(
            SftpTestServer server, Path secrets, String user, String tenantSchools) {
        writeSecret(secrets, user + "-password", "pw-" + user);
        server.withPasswordUser(user, "pw-" + user);
        return destination(
                server, user, new SecretRef(user + "-password"), null, null, List.of(tenantSchools.split(",")));
    }

    public static DestinationAccount destination(
            SftpTestServer server,
            String user,
            SecretRef password,
            SecretRef key,
            SecretRef passphrase,
            List<String> schools) {
        return destinationAt(
                server.host(), server.port(), server.knownHostsLine(), user, password, key, passphrase, schools);
    }

    public static DestinationAccount destinationAt(
            String host,
            int port,
            String knownHosts,
            String user,
            SecretRef password,
            SecretRef key,
            SecretRef passphrase,
            List<String> schools) {
        return new DestinationAccount(
                "dest-" + user,
                host,
                port,
                user,
                password,
                key,
                passphrase,
                knownHosts,
                DestinationAccount.defaultDirectory(user),
                schools,
                Duration.ZERO);
    }

    /** The same account, uploading into {@code directory}. */
    public static DestinationAccount inDirectory(DestinationAccount base, String directory) {
        return new DestinationAccount(
                base.id(),
                base.host(),
                base.port(),
                base.username(),
                base.password(),
                base.privateKey(),
                base.privateKeyPassphrase(),
                base.knownHosts(),
                directory,
                base.schoolIds(),
                base.minInterval(),
                base.extensionColumns());
    }

    /** The same account, bound to receive only {@code allowedSchoolIds}. */
    public static DestinationAccount boundTo(DestinationAccount base, List<String> allowedSchoolIds) {
        return new DestinationAccount(
                base.id(),
                base.host(),
                base.port(),
                base.username(),
                base.password(),
                base.privateKey(),
                base.privateKeyPassphrase(),
                base.knownHosts(),
                base.directory(),
                base.schoolIds(),
                base.minInterval(),
                base.extensionColumns(),
                allowedSchoolIds);
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in OpenSSH format, encrypted with {@code passphrase} when it is not null. */
    public static String openSshPrivateKey(KeyPair keyPair, String passphrase) {
        try {
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase != null) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setPassword(passphrase);
                encryption.setCipherName("AES");
                encryption.setCipherMode("CTR");
                encryption.setCipherType("256");
                encryption.setKdfRounds(4);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "test", encryption, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A known_hosts line for the server's address but some other host key. */
    public static String wrongKnownHostsLine(SftpTestServer server) {
        return "[" + server.host() + "]:" + server.port() + " "
                + PublicKeyEntry.toString(ecKeyPair().getPublic());
    }

    public static void writeSecret(Path secrets, String name, String value) {
        try {
            Files.createDirectories(secrets);
            Files.writeString(secrets.resolve(name), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
