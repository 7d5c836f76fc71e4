package com.rostersync.extractor.source.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.tenants.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RosterSource} adapter promises the extractor's cycle, run against each adapter with its real
 * counterpart (H2 or PostgreSQL, a folder, a MINA SSHD site): school-scoped records, missing schools named, a broken
 * record or file reported and carried forward while the rest is read, and failures classified into the port's kinds
 * (a rejected login is SOURCE_CREDENTIALS, with no secret in the message; an unreachable source SOURCE_UNAVAILABLE).
 */
public abstract class RosterSourceContract {

    /** The secret the adapter is given when its credentials are wrong; it must never appear in a message. */
    protected static final String WRONG_SECRET = "wrong-secret-4711";

    /** The adapter, reading with the right credentials. */
    protected abstract RosterSource source();

    /** The adapter, reading with {@link #WRONG_SECRET}; null when the source has no login (a local folder). */
    protected abstract RosterSource sourceWithWrongCredentials();

    /** A tenant of the source, asking for these schools. */
    protected abstract Tenant tenant(List<String> schoolIds);

    /** A school the source has. */
    protected abstract String knownSchool();

    /** A tenant whose source cannot be reached (refused port, missing folder). */
    protected abstract Tenant unreachableTenant() throws Exception;

    /** Breaks one record or file of the source the way this kind of source breaks. */
    protected abstract void breakOneRecordOrFile() throws Exception;

    @Test
    void readsTheSchoolsItIsAskedForAsSchoolScopedRecords() throws SourceFailure {
        SourceRead read = source().read(tenant(List.of(knownSchool())));

        assertThat(read.foundSchoolIds()).containsExactly(knownSchool());
        assertThat(read.recordsBySchool()).containsOnlyKeys(knownSchool());
        assertThat(read.recordsOf(knownSchool())).isNotEmpty();
        assertThat(read.fileFailures()).isEmpty();
        assertThat(read.carriedForward()).isEmpty();
    }

    @Test
    void aSchoolTheSourceDoesNotHaveIsNotFoundAndTheOthersAreStillRead() throws SourceFailure {
        SourceRead read = source().read(tenant(List.of(knownSchool(), "NO-SUCH-SCHOOL")));

        assertThat(read.foundSchoolIds()).containsExactly(knownSchool());
        assertThat(read.recordsOf("NO-SUCH-SCHOOL")).isEmpty();
        assertThat(read.recordsOf(knownSchool())).isNotEmpty();
    }

    @Test
    void aBrokenRecordOrFileIsCarriedForwardAndTheRestIsRead() throws Exception {
        breakOneRecordOrFile();

        SourceRead read = source().read(tenant(List.of(knownSchool())));

        assertThat(read.carriedForward().isEmpty() && read.carriedForwardIds().isEmpty())
                .as("something is carried forward")
                .isFalse();
        assertThat(read.recordsOf(knownSchool())).isNotEmpty();
    }

    @Test
    void aRejectedLoginIsSourceCredentialsAndTheMessageHoldsNoSecret() {
        RosterSource wrong = sourceWithWrongCredentials();
        assumeTrue(wrong != null, "this source has no login");

        assertThatThrownBy(() -> wrong.read(tenant(List.of(knownSchool()))))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(OutcomeReason.SOURCE_CREDENTIALS);
                    assertThat(failure.getMessage())
                            .contains("authentication rejected")
                            .doesNotContain(WRONG_SECRET);
                });
    }

    @Test
    void anUnreachableSourceIsSourceUnavailable() throws Exception {
        Tenant unreachable = unreachableTenant();

        assertThatThrownBy(() -> source().read(unreachable))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(OutcomeReason.SOURCE_UNAVAILABLE));
    }

    /** A local port nothing listens on. */
    protected static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
