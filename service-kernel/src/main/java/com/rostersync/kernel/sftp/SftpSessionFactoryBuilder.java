package com.rostersync.kernel.sftp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;

/**
 * The one way a service opens SFTP sessions (the extractor's drop fetcher, the publisher's uploads): the server's host
 * key pinned by its known_hosts line and unknown keys never allowed, a password or a private key with its passphrase,
 * and a bound on every wait: {@code connect} (TCP), {@code auth} (key exchange and login), {@code transfer} (longest
 * silence while a file moves or a command waits for its answer).
 */
public final class SftpSessionFactoryBuilder {

    private SftpSessionFactoryBuilder() {}

    /** Where and as whom to log in; {@code knownHosts} is the known_hosts line that pins the server's key. */
    public record SftpLogin(String host, int port, String username, String knownHosts) {}

    public static DefaultSftpSessionFactory build(
            SftpLogin login, SftpCredentials credentials, Duration connect, Duration auth, Duration transfer) {
        DefaultSftpSessionFactory factory = new DefaultSftpSessionFactory(false);
        factory.setHost(login.host());
        factory.setPort(login.port());
        factory.setUser(login.username());
        if (credentials.password() != null) {
            factory.setPassword(credentials.password());
        } else {
            factory.setPrivateKey(new ByteArrayResource(credentials.privateKey().getBytes(StandardCharsets.UTF_8)));
            if (credentials.passphrase() != null) {
                factory.setPrivateKeyPassphrase(credentials.passphrase());
            }
        }
        factory.setKnownHostsResource(
                new ByteArrayResource((login.knownHosts().strip() + "\n").getBytes(StandardCharsets.UTF_8)));
        factory.setAllowUnknownKeys(false);
        factory.setTimeout(Math.toIntExact(connect.plus(auth).toMillis()));
        factory.setSshClientConfigurer(client -> {
            CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, connect);
            CoreModuleProperties.AUTH_TIMEOUT.set(client, auth);
            CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, auth);
            SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, auth);
            CoreModuleProperties.IDLE_TIMEOUT.set(client, transfer);
            CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, transfer);
            CoreModuleProperties.WAIT_FOR_SPACE_TIMEOUT.set(client, transfer);
        });
        return factory;
    }
}
