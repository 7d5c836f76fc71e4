package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.extractor.support.SisDatabase;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC adapter against an H2 SIS in our canonical schema. */
class JdbcRosterSourceContractTest extends RosterSourceContract {

    @TempDir
    Path dir;

    private SisDatabase sis;
    private final JdbcRosterSource source = new JdbcRosterSource(
            new SecretResolver(Map.of(Tenants.PASSWORD_REF, SisDatabase.PASSWORD), null), Duration.ofSeconds(5));
    private final JdbcRosterSource wrong = new JdbcRosterSource(
            new SecretResolver(Map.of(Tenants.PASSWORD_REF, WRONG_SECRET), null), Duration.ofSeconds(5));

    @BeforeEach
    void createSis() {
        sis = SisDatabase.createIn(dir);
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
        return Tenants.jdbc("maple", sis.url(), schoolIds, Map.of());
    }

    @Override
    protected String knownSchool() {
        return "S1";
    }

    @Override
    protected Tenant unreachableTenant() throws Exception {
        return Tenants.jdbc("maple", "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/~/nothing", List.of("S1"), Map.of());
    }

    @Override
    protected void breakOneRecordOrFile() {
        sis.execute("update people set role = 'WIZARD' where person_id = 'P2'");
    }
}
