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
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small HikariCP pool per tenant's SIS database, so a cycle every few seconds does not log in anew each time. A
 * pool lives as long as the tenant's source settings and login do: a changed URL, user, timeout or rotated password
 * gets a new pool and the old one is closed, and so is the pool of a tenant that left the registry.
 */
final class SisConnectionPools implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SisConnectionPools.class);
    private static final int POOL_SIZE = 2;
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** The pool and what it was made from; {@code login} holds the password, so it is compared, never printed. */
    private record Pool(JdbcSource source, Properties login, Duration timeout, HikariDataSource dataSource) {

        boolean madeFrom(JdbcSource otherSource, Properties otherLogin, Duration otherTimeout) {
            return source.equals(otherSource) && login.equals(otherLogin) && timeout.equals(otherTimeout);
        }
    }

    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** A connection from the tenant's pool, made (or made again) for these settings. */
    Connection connection(Tenant tenant, JdbcSource source, Properties login, Duration timeout) throws SQLException {
        Pool pool;
        synchronized (locks.computeIfAbsent(tenant.id(), id -> new Object())) {
            pool = pools.get(tenant.id());
            if (pool == null || !pool.madeFrom(source, login, timeout)) {
                if (pool != null) {
                    log.info("Tenant {}: SIS settings or login changed, closing the old connection pool", tenant.id());
                    close(pools.remove(tenant.id()));
                }
                pool = new Pool(source, copy(login), timeout, start(tenant, source, login, timeout));
                pools.put(tenant.id(), pool);
            }
        }
        return pool.dataSource().getConnection();
    }

    /** Closes the pools of tenants that are gone or whose SIS settings changed. */
    void retainOnly(Collection<Tenant> tenants) {
        Map<String, JdbcSource> current = new java.util.HashMap<>();
        for (Tenant tenant : tenants) {
            if (tenant.source().jdbc() != null) {
                current.put(tenant.id(), tenant.source().jdbc());
            }
        }
        for (String tenantId : pools.keySet()) {
            synchronized (locks.computeIfAbsent(tenantId, id -> new Object())) {
                Pool pool = pools.get(tenantId);
                if (pool != null && !Objects.equals(current.get(tenantId), pool.source())) {
                    log.info("Tenant {}: removed or its SIS settings changed, closing its connection pool", tenantId);
                    close(pools.remove(tenantId));
                }
            }
        }
    }

    /** How many pools are open (for tests and metrics). */
    int open() {
        return pools.size();
    }

    @Override
    public void close() {
        pools.keySet().forEach(tenantId -> close(pools.remove(tenantId)));
    }

    private static HikariDataSource start(Tenant tenant, JdbcSource source, Properties login, Duration timeout)
            throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sis-" + tenant.id());
        config.setJdbcUrl(source.url());
        config.setDataSourceProperties(copy(login));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        long connectMillis = Math.max(250, timeout.toMillis());
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

    private static void close(Pool pool) {
        if (pool != null) {
            pool.dataSource().close();
        }
    }

    private static Properties copy(Properties login) {
        Properties copy = new Properties();
        copy.putAll(login);
        return copy;
    }
}
