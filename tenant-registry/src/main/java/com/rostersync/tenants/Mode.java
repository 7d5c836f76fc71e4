package com.rostersync.tenants;

/**
 * Whether a tenant's files reach its destinations. In {@code DRY_RUN} the whole pipeline runs and records its history
 * and change reports, and the publisher uploads nothing: a new district's first sync is reviewed before a single file
 * reaches the receiver, so a registry entry without {@code mode} is a dry run.
 */
public enum Mode {
    LIVE("live"),
    DRY_RUN("dry-run");

    private final String registryName;

    Mode(String registryName) {
        this.registryName = registryName;
    }

    /** As written in the registry: {@code live} or {@code dry-run}. */
    public String registryName() {
        return registryName;
    }

    static Mode fromRegistry(String text) {
        for (Mode mode : values()) {
            if (mode.registryName.equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + text);
    }
}
