package com.rostersync.publisher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialRefusalsTest {

    private final CredentialRefusals refusals = new CredentialRefusals();
    private final TenantRegistry registry = new TenantRegistry(List.of(new Tenant(
            "maple",
            "Maple",
            null,
            List.of("MHS"),
            10,
            Duration.ofMinutes(1),
            List.of(account("d1"), account("d2"), account("d3")),
            List.of())));

    @Test
    void aRefusedDestinationIsRetriedOnlyOnceItsSecretsChanged() {
        refusals.ended("d1", OutcomeReason.DESTINATION_CREDENTIALS);
        refusals.ended("d2", OutcomeReason.DESTINATION_CREDENTIALS);
        refusals.ended("d3", OutcomeReason.DESTINATION_UNAVAILABLE);

        assertThat(refusals.worthRetrying(registry, d -> false)).isEmpty();
        assertThat(refusals.worthRetrying(registry, d -> Set.of("d2", "d3").contains(d.id())))
                .containsExactly("d2");
    }

    @Test
    void anyOtherEndClearsTheRefusal() {
        refusals.ended("d1", OutcomeReason.DESTINATION_CREDENTIALS);
        refusals.ended("d1", OutcomeReason.UPLOADED);

        assertThat(refusals.isRefused("d1")).isFalse();
        assertThat(refusals.worthRetrying(registry, d -> true)).isEmpty();
    }

    private static DestinationAccount account(String id) {
        return new DestinationAccount(
                id, "h", 22, "u-" + id, null, null, null, "k", "/up/", List.of("MHS"), Duration.ZERO);
    }
}
