package com.rostersync.extractor.source.jdbc;

import com.rostersync.extractor.source.PublishedIds;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.JdbcSource;
import com.rostersync.tenants.Secret;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an SIS database in one read-only, repeatable-read transaction, so every school's set is one consistent view,
 * on a connection from the tenant's own small pool ({@link SisConnectionPools}).
 * Without change tracking every cycle reads everything. With it ({@code source.jdbc.changeTracking}), a
 * cycle reads only what changed since the last published read ({@link SisReading}), and everything again after a
 * restart, a change of the tenant's settings, or {@code fullReadEvery}.
 */
public final class JdbcRosterSource implements RosterSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcRosterSource.class);
    private static final Pattern URL_HOST = Pattern.compile("//(?:[^@/;?]*@)?([^/;?,]+)");
    private static final Pattern ORACLE_HOST = Pattern.compile("@(?://)?([^:/;?]+:\\d+)");

    private final SecretResolver secrets;
    private final Duration callTimeout;
    private final PublishedIds published;
    private final Clock clock;
    private final Map<String, ReadMarks> marks = new ConcurrentHashMap<>();
    private final SisConnectionPools pools = new SisConnectionPools();

    /** A source that reads every tenant in full every cycle, change tracking or not. */
    public JdbcRosterSource(SecretResolver secrets, Duration callTimeout) {
        this(secrets, callTimeout, null, Clock.systemUTC());
    }

    /** A source that reads incrementally where a tenant configures change tracking, against {@code published}. */
    public JdbcRosterSource(SecretResolver secrets, Duration callTimeout, PublishedIds published, Clock clock) {
        this.secrets = secrets;
        this.callTimeout = callTimeout;
        this.published = published;
        this.clock = clock;
    }

    @Override
    public SourceRead read(Tenant tenant) throws SourceFailure {
        JdbcSource source = tenant.source().jdbc();
        Duration timeout = source.timeout() != null && source.timeout().compareTo(callTimeout) < 0
                ? source.timeout()
                : callTimeout;
        Properties login = loginProperties(tenant, source, timeout);
        String step = "connect";
        try (Connection connection = pools.connection(tenant, source, login, timeout)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            OneSnapshot.isolate(connection);
            ChangeTracking tracking = published == null ? null : source.changeTracking();
            String fingerprint = tenant.schoolIds() + " " + source;
            ReadMarks since = readOnFrom(tenant, tracking, fingerprint);
            Instant startedAt = clock.instant();
            SisReading reading = new SisReading(
                    tenant,
                    new SisQueries(source.queries(), tracking == null ? null : tracking.column()),
                    connection,
                    timeout,
                    tracking,
                    since,
                    published);
            step = "read";
            SourceRead read = reading.read();
            connection.rollback();
            if (tracking == null) {
                return read;
            }
            ReadMarks next = reading.marks(fingerprint, since == null ? startedAt : since.fullReadAt());
            return read.withCommit(() -> marks.put(tenant.id(), next));
        } catch (SQLException failed) {
            throw new SourceFailure(
                    SisFailures.classify(failed),
                    "tenant " + tenant.id() + ": SIS database " + step + " failed (" + login(source) + "): "
                            + SisFailures.describe(failed),
                    failed);
        }
    }

    /** Closes the connection pools of tenants that left the registry or whose SIS settings changed. */
    public void retainOnly(java.util.Collection<Tenant> tenants) {
        pools.retainOnly(tenants);
    }

    /** Where the tenant's next incremental read starts from; null before its first published read. */
    ReadMarks marksOf(String tenantId) {
        return marks.get(tenantId);
    }

    /** How many tenants have an open connection pool. */
    int openPools() {
        return pools.open();
    }

    /** Closes every tenant's connection pool. */
    @Override
    public void close() {
        pools.close();
    }

    /** The marks to read on from, or null when this cycle must read everything (and says why). */
    private ReadMarks readOnFrom(Tenant tenant, ChangeTracking tracking, String fingerprint) {
        if (tracking == null) {
            return null;
        }
        ReadMarks last = marks.get(tenant.id());
        String fullBecause = last == null
                ? "first read since start"
                : !last.fingerprint().equals(fingerprint)
                        ? "the tenant's schools or source settings changed"
                        : !clock.instant().isBefore(last.fullReadAt().plus(tracking.fullReadEvery()))
                                ? "the last full read is older than " + tracking.fullReadEvery()
                                : null;
        if (fullBecause != null) {
            log.info("Tenant {}: reading the whole source ({})", tenant.id(), fullBecause);
            return null;
        }
        return last;
    }

    /**
     * The database login as the district knows it, {@code login <user>@<host>[:port]} (host and port from the JDBC
     * URL; {@code in-process} for an embedded database): the user to check in the SIS, never the password. The
     * monitor reads it from the message in this form.
     */
    static String login(JdbcSource source) {
        return "login " + (source.username() == null ? "(no user)" : source.username()) + "@" + host(source.url());
    }

    /** Host and port of a JDBC URL: {@code //host:port/...} or Oracle's {@code @host:port}. */
    static String host(String url) {
        if (url == null) {
            return "unknown-host";
        }
        Matcher slashes = URL_HOST.matcher(url);
        if (slashes.find()) {
            return slashes.group(1);
        }
        Matcher at = ORACLE_HOST.matcher(url);
        return at.find() ? at.group(1) : "in-process";
    }

    private Properties loginProperties(Tenant tenant, JdbcSource source, Duration timeout) throws SourceFailure {
        Properties login = new Properties();
        if (source.username() != null) {
            login.setProperty("user", source.username());
        }
        if (source.password() != null) {
            Secret password = secrets.resolve(source.password())
                    .orElseThrow(() -> new SourceFailure(
                            com.rostersync.events.outcome.OutcomeReason.SOURCE_CREDENTIALS,
                            "tenant " + tenant.id() + ": secret "
                                    + source.password().name() + " for the SIS database (" + login(source)
                                    + ") is not configured"));
            login.setProperty("password", password.reveal());
        }
        if (source.url().startsWith("jdbc:postgresql:")) {
            String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
            login.setProperty("connectTimeout", seconds);
            login.setProperty("loginTimeout", seconds);
            login.setProperty("socketTimeout", String.valueOf(Math.max(1, timeout.toSeconds() * 2)));
        }
        return login;
    }
}
