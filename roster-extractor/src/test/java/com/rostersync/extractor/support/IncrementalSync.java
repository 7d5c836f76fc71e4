package com.rostersync.extractor.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.change.SchoolHashes;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.source.jdbc.JdbcRosterSource;
import com.rostersync.tenants.SecretResolver;
import com.rostersync.tenants.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cycles of a change-tracking JDBC source without the broker: detect, apply to the hash state, commit, as
 * {@code TenantCycle} does; and the check that matters, that a full read finds nothing left to publish.
 */
public final class IncrementalSync {

    private final SecretResolver secrets;
    private final HashState state = new HashState();
    private final ChangeDetector detector = new ChangeDetector(new ContentHasher()::hash);
    private final JdbcRosterSource source;

    public IncrementalSync(String password) {
        secrets = new SecretResolver(Map.of(Tenants.PASSWORD_REF, password), null);
        source = new JdbcRosterSource(secrets, Duration.ofSeconds(10), state, Clock.systemUTC());
    }

    public SourceRead read(Tenant tenant) throws SourceFailure {
        return source.read(tenant);
    }

    /** Reads, publishes and commits one cycle; returns "school KIND TYPE/id" per change. */
    public List<String> cycle(Tenant tenant) throws SourceFailure {
        return publish(tenant, source.read(tenant));
    }

    public List<String> publish(Tenant tenant, SourceRead read) {
        List<String> published = new ArrayList<>();
        for (String school : tenant.schoolIds()) {
            SchoolHashes previous = state.school(tenant.id(), school);
            List<Change> changes = detector.detect(
                            school,
                            read.recordsOf(school),
                            read.absentIdsOf(school, previous::forEachId),
                            previous,
                            read.carriedForward(),
                            read.carriedForwardIds())
                    .changes();
            state.apply(tenant.id(), school, changes);
            changes.forEach(c -> published.add(school + " " + c.kind() + " " + c.type() + "/" + c.sourcedId()));
        }
        read.commit().run();
        return published;
    }

    /** A full read of the source now finds nothing that the cycles did not already publish. */
    public void assertMatchesAFullRead(Tenant tenant) throws SourceFailure {
        SourceRead full = new JdbcRosterSource(secrets, Duration.ofSeconds(10)).read(tenant);
        for (String school : tenant.schoolIds()) {
            assertThat(detector.detect(
                                    school,
                                    full.recordsOf(school),
                                    state.school(tenant.id(), school),
                                    full.carriedForward(),
                                    full.carriedForwardIds())
                            .changes())
                    .as("what a full read of %s would still publish", school)
                    .isEmpty();
        }
    }
}
