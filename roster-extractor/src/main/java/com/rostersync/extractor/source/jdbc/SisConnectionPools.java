package com.rostersync.extractor.source.jdbc;

import com.rostersync.tenants.JdbcSource;
import com.rostersync.tenants.Tenant;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small HikariCP pools of SIS connections, so a cycle every few seconds does not log in anew each time. Tenants that
 * read one database with one login share a pool: a platform's SIS database often holds every district, and a pool
 * per tenant took one connection per district, a hundred districts all of PostgreSQL's default
 * {@code max_connections}. A tenant whose URL, user, timeout or password changes (a rotated secret) moves to the
 * pool of its new login; a pool no tenant uses any more is closed.
 */
final class SisConnectionPools implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SisConnectionPools.class);
    /** As many as the extractor runs cycles at once by default (two to four); more cycles wait for a connection. */
    private static final int POOL_SIZE = 4;

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** What a pool's connections are made from; {@code login} holds the password, so it is compared, never printed. */
    private record Login(String url, Properties login, Duration timeout) {}

    /** The login a tenant last connected with and its source settings then. */
    private record Binding(Login login, JdbcSource source) {}

    private final Map<Login, HikariDataSource> pools = new HashMap<>();
    private final Map<String, Binding> tenants = new HashMap<>();
    private final Map<Login, Object> starting = new ConcurrentHashMap<>();

    /**
     * A connection from the pool of this tenant's database and login. A pool is started under its login's own lock:
     * its first connection may take the whole timeout, and other databases' tenants do not wait for it.
     */
    Connection connection(Tenant tenant, JdbcSource source, Properties login, Duration timeout) throws SQLException {
        Login key = new Login(source.url(), copy(login), timeout);
        HikariDataSource pool = bind(tenant, source, key);
        if (pool == null) {
            synchronized (starting.computeIfAbsent(key, k -> new Object())) {
                pool = bind(tenant, source, key);
                if (pool == null) {
                    pool = start(source, key);
                    register(key, pool);
                }
            }
        }
        return pool.getConnection();
    }

    /** Closes the pools that only tenants gone from the registry, or whose SIS settings changed, used. */
    synchronized void retainOnly(Collection<Tenant> current) {
        Map<String, JdbcSource> sources = new HashMap<>();
        for (Tenant tenant : current) {
            if (tenant.source().jdbc() != null) {
                sources.put(tenant.id(), tenant.source().jdbc());
            }
        }
        tenants.entrySet().removeIf(bound -> {
            boolean gone = !bound.getValue().source().equals(sources.get(bound.getKey()));
            if (gone) {
                log.info("Tenant {}: removed or its SIS settings changed, its database login released", bound.getKey());
            }
            return gone;
        });
        closeUnused();
    }

    /** How many pools are open (for tests and metrics). */
    synchronized int open() {
        return pools.size();
    }

    @Override
    public synchronized void close() {
        tenants.clear();
        closeUnused();
    }

    /** Binds the tenant to its login and returns that login's pool, or null when none is open yet. */
    private synchronized HikariDataSource bind(Tenant tenant, JdbcSource source, Login login) {
        Binding before = tenants.put(tenant.id(), new Binding(login, source));
        if (before != null && !before.login().equals(login)) {
            log.info("Tenant {}: SIS settings or login changed, now on the pool of its new login", tenant.id());
            closeUnused();
        }
        return pools.get(login);
    }

    private synchronized void register(Login login, HikariDataSource pool) {
        pools.put(login, pool);
        closeUnused(); // its tenant may have left the registry meanwhile
    }

    private void closeUnused() {
        pools.entrySet().removeIf(open -> {
            boolean unused =
                    tenants.values().stream().noneMatch(bound -> bound.login().equals(open.getKey()));
            if (unused) {
                open.getValue().close();
                starting.remove(open.getKey());
            }
            return unused;
        });
    }

    private static HikariDataSource start(JdbcSource source, Login login) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sis-" + JdbcRosterSource.login(source).substring("login ".length()));
        config.setJdbcUrl(login.url());
        config.setDataSourceProperties(copy(login.login()));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        long connectMillis = Math.max(250, login.timeout().toMillis());
        config.setConnectionTimeout(connectMillis);
        config.setValidationTimeout(Math.max(250, Math.min(5_000, connectMillis / 2)));
        config.setReadOnly(true);
        config.setAutoCommit(false);
        // The first connection is made now, so a refused login fails this cycle at once instead of after the
        // pool's connection timeout, with the database's own SQLState.
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException failed) {
            if (failed.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("the connection pool could not start", "08001", failed.getCause());
        }
    }

    private static Properties copy(Properties login) {
        Properties copy = new Properties();
        copy.putAll(login);
        return copy;
    }
}
