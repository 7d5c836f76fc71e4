package com.rostersync.extractor.source.csv;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.kernel.sftp.SftpCredentials;
import com.rostersync.kernel.sftp.SftpSessionFactoryBuilder;
import com.rostersync.kernel.sftp.SftpSessionFactoryBuilder.SftpLogin;
import com.rostersync.tenants.CsvDropSource;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.sshd.sftp.client.SftpClient;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;
import org.springframework.integration.sftp.session.SftpSession;

/**
 * A drop on an SFTP site, read through Spring Integration SFTP with the site's host key pinned by its known_hosts
 * line (no "accept unknown keys"), through the kernel's session-factory builder. Files still being uploaded ({@code .part}, {@code .writing}, {@code .tmp}) are
 * left for the next cycle.
 */
public final class SftpDropFetcher implements DropFetcher {

    private final SecretResolver secrets;
    private final Duration callTimeout;
    private final WriteGuard guard;

    /** Takes a drop as it is, without waiting for files just uploaded (for tests of what is read). */
    public SftpDropFetcher(SecretResolver secrets, Duration callTimeout) {
        this(secrets, callTimeout, Duration.ZERO, Clock.systemUTC());
    }

    /** Takes a changed drop once its newest file is {@code settle} old and nothing moved while it was read. */
    public SftpDropFetcher(SecretResolver secrets, Duration callTimeout, Duration settle, Clock clock) {
        this.secrets = secrets;
        this.callTimeout = callTimeout;
        this.guard = new WriteGuard(settle, clock);
    }

    @Override
    public Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure, DropBeingWritten {
        return fetchIfChanged(tenant, null).orElseThrow().files();
    }

    @Override
    public Optional<Drop> fetchIfChanged(Tenant tenant, String knownListing) throws SourceFailure, DropBeingWritten {
        CsvDropSource drop = tenant.source().csvDrop();
        String secretName = drop.password() != null
                ? drop.password().name()
                : drop.privateKey().name();
        var secret = secrets.resolve(drop.password() != null ? drop.password() : drop.privateKey())
                .orElseThrow(() -> new SourceFailure(
                        OutcomeReason.SOURCE_CREDENTIALS,
                        "tenant " + tenant.id() + ": secret " + secretName + " for the SFTP drop (" + login(drop)
                                + ") is not configured"));
        Duration timeout =
                drop.timeout() != null && drop.timeout().compareTo(callTimeout) < 0 ? drop.timeout() : callTimeout;
        DefaultSftpSessionFactory factory = SftpSessionFactoryBuilder.build(
                new SftpLogin(drop.host(), drop.port(), drop.username(), drop.knownHosts()),
                drop.password() != null
                        ? SftpCredentials.password(secret.reveal())
                        : SftpCredentials.privateKey(secret.reveal(), null),
                timeout,
                timeout,
                timeout);
        String directory = drop.directory().endsWith("/") ? drop.directory() : drop.directory() + "/";
        String step = "connect to";
        try (SftpSession session = factory.getSession()) {
            step = "list";
            Map<String, SftpClient.Attributes> visible = list(session, directory);
            String listing = listing(visible);
            if (listing.equals(knownListing)) {
                return Optional.empty();
            }
            List<Instant> modified = new ArrayList<>();
            visible.values().stream()
                    .map(SftpDropFetcher::modified)
                    .filter(Objects::nonNull)
                    .forEach(modified::add);
            Duration wait =
                    guard.waitBeforeReading(modified, visible.values().stream().anyMatch(file -> file.getSize() == 0));
            if (!wait.isZero()) {
                WriteGuard.pause(wait);
                WriteGuard.requireUnmoved(
                        tenant.id(), location(drop, directory), listing, listing(list(session, directory)));
            }
            step = "read";
            Map<String, byte[]> files = new TreeMap<>();
            Map<String, Long> sizes = new TreeMap<>();
            for (Map.Entry<String, SftpClient.Attributes> file : visible.entrySet()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                session.read(directory + file.getKey(), content);
                files.put(file.getKey(), content.toByteArray());
                sizes.put(file.getKey(), file.getValue().getSize());
            }
            WriteGuard.requireWhole(tenant.id(), location(drop, directory), files, sizes);
            step = "list";
            WriteGuard.requireUnmoved(
                    tenant.id(), location(drop, directory), listing, listing(list(session, directory)));
            return Optional.of(new Drop(listing, files));
        } catch (DropBeingWritten moving) {
            throw moving;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(
                    OutcomeReason.SOURCE_UNAVAILABLE,
                    "tenant " + tenant.id() + ": reading SFTP drop " + location(drop, directory) + " was stopped");
        } catch (Exception failed) {
            throw new SourceFailure(
                    SftpDropFailures.classify(failed),
                    "tenant " + tenant.id() + ": could not " + step + " SFTP drop " + location(drop, directory) + " ("
                            + login(drop) + "): "
                            + SftpDropFailures.describe(failed),
                    failed);
        } finally {
            factory.destroy();
        }
    }

    /** The drop site's login, {@code SFTP login <user>@<host>:<port>}: the username to check, never the secret. */
    static String login(CsvDropSource drop) {
        return "SFTP login " + drop.username() + "@" + drop.host() + ":" + drop.port();
    }

    private static Map<String, SftpClient.Attributes> list(SftpSession session, String directory) throws IOException {
        Map<String, SftpClient.Attributes> visible = new TreeMap<>();
        for (SftpClient.DirEntry entry : session.list(directory)) {
            String name = entry.getFilename();
            if (entry.getAttributes().isRegularFile() && !name.startsWith(".") && !isPartial(name)) {
                visible.put(name, entry.getAttributes());
            }
        }
        return visible;
    }

    private static String listing(Map<String, SftpClient.Attributes> visible) {
        StringBuilder listing = new StringBuilder();
        visible.forEach((name, attributes) -> listing.append(name)
                .append(' ')
                .append(attributes.getSize())
                .append(' ')
                .append(
                        attributes.getModifyTime() == null
                                ? "-"
                                : attributes.getModifyTime().toMillis())
                .append('\n'));
        return listing.toString();
    }

    /** When the file was last written, as late as the server's precision allows (SFTP v3 gives whole seconds). */
    private static Instant modified(SftpClient.Attributes attributes) {
        if (attributes.getModifyTime() == null) {
            return null;
        }
        Instant time = attributes.getModifyTime().toInstant();
        return time.getNano() == 0 ? time.plusSeconds(1) : time;
    }

    private static String location(CsvDropSource drop, String directory) {
        return drop.host() + ":" + drop.port() + directory;
    }

    private static boolean isPartial(String name) {
        return name.endsWith(".part")
                || name.endsWith(".filepart")
                || name.endsWith(".writing")
                || name.endsWith(".tmp");
    }
}
