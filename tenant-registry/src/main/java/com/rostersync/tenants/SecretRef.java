package com.rostersync.tenants;

/** A secret named in the tenant registry; the value lives in the environment or a mounted file, never in the YAML. */
public record SecretRef(String name) {}
