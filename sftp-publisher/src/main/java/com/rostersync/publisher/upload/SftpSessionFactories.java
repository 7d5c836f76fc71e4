package com.rostersync.publisher.upload;

import com.rostersync.kernel.sftp.SftpCredentials;
import com.rostersync.kernel.sftp.SftpSessionFactoryBuilder;
import com.rostersync.kernel.sftp.SftpSessionFactoryBuilder.SftpLogin;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.SecretResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.sftp.client.SftpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.file.remote.session.CachingSessionFactory;
import org.springframework.integration.file.remote.session.SessionFactory;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * One cached Spring Integration SFTP session factory per destination account, rebuilt when the account's settings
 * change in the registry or one of its secrets has another value: the secrets are resolved again for every upload
 * (a few small files) and compared by digest, so a password rotated on disk is used by the next upload and cached
 * sessions logged in with the old one are closed. The host key is pinned by the account's known_hosts line and
 * unknown keys are never allowed; secret values are handed only to the SSH client. A cached session unused for the
 * idle timeout is closed here (checked on the timer given), quietly; until then it is kept alive (SftpTimeouts), so a
 * destination uploaded again within the idle timeout needs no new connection, key exchange and login.
 */
public final class SftpSessionFactories implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SftpSessionFactories.class);

    private final SecretResolver secrets;
    private final SftpTimeouts timeouts;
    private final Map<String, Cached> byDestination = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> idleCloser;

    public SftpSessionFactories(SecretResolver secrets, SftpTimeouts timeouts, TaskScheduler timer) {
        this.secrets = secrets;
        this.timeouts = timeouts;
        Duration every = Duration.ofMillis(Math.max(100, timeouts.idle().toMillis() / 4));
        this.idleCloser = timer.scheduleWithFixedDelay(
                this::closeIdleSessions, Instant.now().plus(every), every);
    }

    /** @throws IllegalStateException when a secret the account names is not configured */
    SessionFactory<SftpClient.DirEntry> forDestination(DestinationAccount destination) {
        SftpCredentials credentials = credentials(destination);
        Cached current = byDestination.compute(destination.id(), (id, cached) -> {
            if (cached != null
                    && cached.account.equals(destination)
                    && cached.secretsDigest.equals(credentials.digest())) {
                return cached;
            }
            if (cached != null) {
                cached.destroy();
            }
            return build(destination, credentials);
        });
        current.inUse.incrementAndGet();
        return current.factory;
    }

    /**
     * Whether the account's secrets now have other values than those its cached factory logged in with (false when
     * there is none yet, or a secret cannot be read).
     */
    boolean credentialsChanged(DestinationAccount destination) {
        Cached cached = byDestination.get(destination.id());
        if (cached == null) {
            return false;
        }
        try {
            return !cached.secretsDigest.equals(credentials(destination).digest());
        } catch (IllegalStateException unreadable) {
            return false;
        }
    }

    /** The upload that took {@link #forDestination} is over: the idle time of its session starts now. */
    void released(DestinationAccount destination) {
        Cached cached = byDestination.get(destination.id());
        if (cached != null) {
            cached.lastUsed = System.nanoTime();
            cached.sessionCached = true;
            cached.inUse.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    private void closeIdleSessions() {
        long now = System.nanoTime();
        byDestination.forEach((id, cached) -> {
            if (cached.sessionCached
                    && cached.inUse.get() == 0
                    && now - cached.lastUsed >= timeouts.idle().toNanos()) {
                cached.sessionCached = false;
                cached.factory.resetCache();
                log.debug("Closed the idle SFTP session of destination {} (unused for {})", id, timeouts.idle());
            }
        });
    }

    /** The account's secret values as of now, and a digest of them to compare with the cached factory's. */
    private SftpCredentials credentials(DestinationAccount destination) {
        String neededBy = "destination " + destination.id();
        String password = destination.password() == null
                ? null
                : secrets.require(destination.password(), neededBy).reveal();
        String privateKey = destination.password() != null
                ? null
                : secrets.require(destination.privateKey(), neededBy).reveal();
        String passphrase = destination.password() != null || destination.privateKeyPassphrase() == null
                ? null
                : secrets.require(destination.privateKeyPassphrase(), neededBy).reveal();
        return new SftpCredentials(password, privateKey, passphrase);
    }

    /** Drops the cached sessions of a destination, e.g. after a failure that may have left a session half-open. */
    void reset(DestinationAccount destination) {
        Cached cached = byDestination.get(destination.id());
        if (cached != null) {
            cached.factory.resetCache();
        }
    }

    /** Closes the factories of destinations that are no longer in the registry. */
    public void retainOnly(Set<String> destinationIds) {
        byDestination.keySet().stream()
                .filter(id -> !destinationIds.contains(id))
                .toList()
                .forEach(id -> {
                    Cached removed = byDestination.remove(id);
                    if (removed != null) {
                        removed.destroy();
                    }
                });
    }

    private Cached build(DestinationAccount destination, SftpCredentials credentials) {
        DefaultSftpSessionFactory factory = SftpSessionFactoryBuilder.build(
                new SftpLogin(destination.host(), destination.port(), destination.username(), destination.knownHosts()),
                credentials,
                timeouts.connect(),
                timeouts.auth(),
                timeouts.transfer(),
                timeouts.keepAlive());
        CachingSessionFactory<SftpClient.DirEntry> caching = new CachingSessionFactory<>(factory, 1);
        caching.setTestSession(true);
        caching.setSessionWaitTimeout(timeouts.connect().plus(timeouts.auth()).toMillis());
        return new Cached(destination, credentials.digest(), caching, factory, new AtomicInteger());
    }

    @Override
    public void close() {
        idleCloser.cancel(true);
        byDestination.values().forEach(Cached::destroy);
        byDestination.clear();
    }

    private static final class Cached {
        private final DestinationAccount account;
        private final String secretsDigest;
        private final CachingSessionFactory<SftpClient.DirEntry> factory;
        private final DefaultSftpSessionFactory client;
        private final AtomicInteger inUse;
        private volatile long lastUsed = System.nanoTime();
        private volatile boolean sessionCached;

        Cached(
                DestinationAccount account,
                String secretsDigest,
                CachingSessionFactory<SftpClient.DirEntry> factory,
                DefaultSftpSessionFactory client,
                AtomicInteger inUse) {
            this.account = account;
            this.secretsDigest = secretsDigest;
            this.factory = factory;
            this.client = client;
            this.inUse = inUse;
        }

        void destroy() {
            factory.destroy();
            client.destroy();
        }
    }
}
