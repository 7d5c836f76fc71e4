package com.rostersync.extractor.source.csv;

/**
 * A drop's file changed while it was fetched: what was read may end halfway, and a roster read halfway reads as
 * students gone. Nothing of it may be published; the drop is read again once it is still.
 */
public final class DropBeingWritten extends Exception {

    private final String file;

    public DropBeingWritten(String tenantId, String location, String file) {
        super("tenant " + tenantId + ": " + file + " in drop " + location
                + " changed while it was read (still being written); nothing of it is published, it is read again"
                + " once it is still");
        this.file = file;
    }

    /** The file that changed. */
    public String file() {
        return file;
    }
}
