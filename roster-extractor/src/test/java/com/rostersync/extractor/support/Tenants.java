package com.rostersync.extractor.support;

import com.rostersync.tenants.ChangeTracking;
import com.rostersync.tenants.CsvDropSource;
import com.rostersync.tenants.JdbcSource;
import com.rostersync.tenants.SecretRef;
import com.rostersync.tenants.Source;
import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tenants as the registry would load them, for tests that drive a source or a cycle directly. */
public final class Tenants {

    public static final String PASSWORD_REF = "SIS_PASSWORD";

    private Tenants() {}

    public static Tenant jdbc(String id, String url, List<String> schools, Map<String, String> queries) {
        return jdbc(id, url, schools, queries, null);
    }

    /** A JDBC tenant whose cycles read only what changed ({@code tracking} null: everything, every cycle). */
    public static Tenant jdbc(
            String id, String url, List<String> schools, Map<String, String> queries, ChangeTracking tracking) {
        return jdbc(id, url, PASSWORD_REF, schools, queries, tracking);
    }

    /** A JDBC tenant logging in with the secret {@code passwordRef}. */
    public static Tenant jdbc(String id, String url, String passwordRef, List<String> schools) {
        return jdbc(id, url, passwordRef, schools, Map.of(), null);
    }

    private static Tenant jdbc(
            String id,
            String url,
            String passwordRef,
            List<String> schools,
            Map<String, String> queries,
            ChangeTracking tracking) {
        return new Tenant(
                id,
                id,
                new Source(
                        SourceType.JDBC,
                        new JdbcSource(
                                url,
                                SisDatabase.USER,
                                new SecretRef(passwordRef),
                                queries,
                                Duration.ofSeconds(5),
                                tracking),
                        null),
                schools,
                10,
                Duration.ofSeconds(1),
                List.of(),
                List.of());
    }

    public static Tenant folderDrop(String id, String folder, List<String> schools) {
        return new Tenant(
                id,
                id,
                new Source(
                        SourceType.CSV_DROP,
                        null,
                        new CsvDropSource(folder, null, 22, null, null, null, null, null, Duration.ofSeconds(5))),
                schools,
                10,
                Duration.ofSeconds(1),
                List.of(),
                List.of());
    }

    public static Tenant sftpDrop(
            String id,
            String host,
            int port,
            String user,
            String passwordRef,
            String knownHosts,
            String directory,
            List<String> schools) {
        return new Tenant(
                id,
                id,
                new Source(
                        SourceType.CSV_DROP,
                        null,
                        new CsvDropSource(
                                null,
                                host,
                                port,
                                user,
                                new SecretRef(passwordRef),
                                null,
                                knownHosts,
                                directory,
                                Duration.ofSeconds(5))),
                schools,
                10,
                Duration.ofSeconds(1),
                List.of(),
                List.of());
    }

    /** The same tenant, with these OneRoster files (manifest names) allowed to be empty. */
    public static Tenant allowingEmpty(Tenant tenant, String... files) {
        return copy(tenant, tenant.syncInterval(), java.util.Set.of(files));
    }

    /** The same tenant, read on this sync interval. */
    public static Tenant withSyncInterval(Tenant tenant, Duration syncInterval) {
        return copy(tenant, syncInterval, tenant.allowEmpty());
    }

    private static Tenant copy(Tenant tenant, Duration syncInterval, java.util.Set<String> allowEmpty) {
        return new Tenant(
                tenant.id(),
                tenant.name(),
                tenant.source(),
                tenant.schoolIds(),
                tenant.deletionThresholdPercent(),
                syncInterval,
                tenant.destinations(),
                tenant.leaders(),
                allowEmpty,
                tenant.controls());
    }
}
