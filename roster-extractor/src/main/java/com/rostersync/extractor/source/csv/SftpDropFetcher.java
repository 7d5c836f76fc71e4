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
import java.time.Duration;
import java.util.Map;
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

    public SftpDropFetcher(SecretResolver secrets, Duration callTimeout) {
        this.secrets = secrets;
        this.callTimeout = callTimeout;
    }

    @Override
    public Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure {
        return fetchIfChanged(tenant, null).orElseThrow().files();
    }

    @Override
    public Optional<Drop> fetchIfChanged(Tenant tenant, String knownListing) throws SourceFailure {
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
            Map<String, SftpClient.Attributes> visible = new TreeMap<>();
            for (SftpClient.DirEntry entry : session.list(directory)) {
                String name = entry.getFilename();
                if (entry.getAttributes().isRegularFile() && !name.startsWith(".") && !isPartial(name)) {
                    visible.put(name, entry.getAttributes());
                }
            }
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
            if (listing.toString().equals(knownListing)) {
                return Optional.empty();
            }
            step = "read";
            Map<String, byte[]> files = new TreeMap<>();
            for (String name : visible.keySet()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                session.read(directory + name, content);
                files.put(name, content.toByteArray());
            }
            return Optional.of(new Drop(listing.toString(), files));
        } catch (Exception failed) {
            throw new SourceFailure(
                    SftpDropFailures.classify(failed),
                    "tenant " + tenant.id() + ": could not " + step
                            + " SFTP drop " + drop.host() + ":" + drop.port() + directory + " (" + login(drop) + "): "
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

    private static boolean isPartial(String name) {
        return name.endsWith(".part") || name.endsWith(".writing") || name.endsWith(".tmp");
    }
}
