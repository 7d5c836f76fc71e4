package com.rostersync.publisher.merge;

/**
 * A school's snapshot file cannot be merged (not valid OneRoster CSV). Names school, file, line and field, never a
 * value, so it can go into an outcome as it is.
 */
public final class MergeException extends Exception {

    private final String schoolId;
    private final String file;
    private final long line;
    private final String field;

    public MergeException(String schoolId, String file, long line, String field, String reason) {
        super("school " + schoolId + " " + file + (line > 0 ? " line " + line : "")
                + (field != null ? " field " + field : "") + ": " + reason);
        this.schoolId = schoolId;
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String schoolId() {
        return schoolId;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }
}
