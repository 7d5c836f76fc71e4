package com.rostersync.tenants;

import java.util.List;
import java.util.Optional;

/** Every tenant the platform syncs, as loaded from one validated registry file. */
public record TenantRegistry(List<Tenant> tenants) {

    public TenantRegistry {
        tenants = List.copyOf(tenants);
    }

    public Optional<Tenant> tenant(String id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<DestinationAccount> destination(String id) {
        return tenants.stream()
                .flatMap(t -> t.destinations().stream())
                .filter(d -> d.id().equals(id))
                .findFirst();
    }
}
