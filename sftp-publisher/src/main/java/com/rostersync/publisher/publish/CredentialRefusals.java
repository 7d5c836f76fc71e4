package com.rostersync.publisher.publish;

import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.tenants.DestinationAccount;
import com.rostersync.tenants.TenantRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Seed rule "wrong credentials": a login the destination refuses is its own failure, DESTINATION_CREDENTIALS, that a
 * person must fix, so it is not retried on a timer (a retry storm locks accounts); the destination is tried again as
 * soon as its secrets differ from the refused ones. Telling a refused login from other failures is each adapter's
 * part: SQLState class 28 in the JDBC source, MINA's no-more-authentication-methods code in the SFTP adapters.
 */
final class CredentialRefusals {

    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** Notes how the destination's last upload ended. */
    void ended(String destinationId, OutcomeReason reason) {
        if (reason == OutcomeReason.DESTINATION_CREDENTIALS) {
            refused.add(destinationId);
        } else {
            refused.remove(destinationId);
        }
    }

    boolean isRefused(String destinationId) {
        return refused.contains(destinationId);
    }

    /** The refused destinations whose secrets now differ from those they were refused with. */
    List<String> worthRetrying(TenantRegistry registry, Predicate<DestinationAccount> credentialsChanged) {
        if (refused.isEmpty()) {
            return List.of();
        }
        return registry.tenants().stream()
                .flatMap(t -> t.destinations().stream())
                .filter(d -> refused.contains(d.id()))
                .filter(credentialsChanged)
                .map(DestinationAccount::id)
                .toList();
    }
}
