package com.rostersync.events;

/**
 * A record of a newer major schema version than this build reads. Its fields may have been removed or changed in
 * meaning, so reading it would guess: the consumer refuses it (a dead letter with this message) and says which
 * record and which versions.
 */
public final class UnreadableSchemaVersionException extends RuntimeException {

    private final int major;
    private final int minor;

    public UnreadableSchemaVersionException(String where, int major, int minor) {
        super(where + " has schema version " + SchemaVersion.text(major, minor)
                + ", but this build reads major version "
                + SchemaVersion.CURRENT + " only (up to "
                + SchemaVersion.text(SchemaVersion.CURRENT, SchemaVersion.MINOR)
                + " and any later " + SchemaVersion.CURRENT + ".x): refused, upgrade this consumer to read it");
        this.major = major;
        this.minor = minor;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }
}
