package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.extractor.support.PostgresSis;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC adapter against a real PostgreSQL server, a fresh SIS database per test. */
class PostgresRosterSourceContractTest extends RosterSourceContract {

    @TempDir
    static Path dir;

    private static PostgresSis postgres;
    private String url;
    private final JdbcRosterSource source = new JdbcRosterSource(
            new SecretResolver(Map.of(Tenants.PASSWORD_REF, PostgresSis.PASSWORD), null), Duration.ofSeconds(10));
    private final JdbcRosterSource wrong = new JdbcRosterSource(
            new SecretResolver(Map.of(Tenants.PASSWORD_REF, WRONG_SECRET), null), Duration.ofSeconds(10));

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresSis.startIn(dir);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void createSis() throws Exception {
        url = postgres.createDatabase();
    }

    @AfterEach
    void closePools() {
        source.close();
        wrong.close();
    }

    @Override
    protected RosterSource source() {
        return source;
    }

    @Override
    protected RosterSource sourceWithWrongCredentials() {
        return wrong;
    }

    @Override
    protected Tenant tenant(List<String> schoolIds) {
        return Tenants.jdbc("maple", url, schoolIds, Map.of());
    }

    @Override
    protected String knownSchool() {
        return "S1";
    }

    @Override
    protected Tenant unreachableTenant() throws Exception {
        return Tenants.jdbc("maple", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/sis", List.of("S1"), Map.of());
    }

    @Override
    protected void breakOneRecordOrFile() throws Exception {
        PostgresSis.execute(url, "update people set role = 'WIZARD' where person_id = 'P2'");
    }
}
