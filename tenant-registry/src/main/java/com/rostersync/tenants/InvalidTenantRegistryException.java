package com.rostersync.tenants;

import java.util.List;

/** The registry file cannot be used; each problem names the tenant and the field, never a secret. */
public final class InvalidTenantRegistryException extends RuntimeException {

    private final List<String> problems;

    public InvalidTenantRegistryException(String source, List<String> problems) {
        super("tenant registry " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
