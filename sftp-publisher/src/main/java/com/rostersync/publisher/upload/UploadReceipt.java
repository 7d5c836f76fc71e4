package com.rostersync.publisher.upload;

/**
 * What a successful upload did: the files and bytes it sent, all renamed into place and verified by size; the files
 * it left in place because the destination already held them unchanged; and the folder's files as it left them
 * ({@code null} from an uploader that does not track them, whose next upload then sends every file).
 */
public record UploadReceipt(int files, long bytes, int kept, Placement placement) {

    /** A receipt of an upload that sent every file. */
    public UploadReceipt(int files, long bytes) {
        this(files, bytes, 0, null);
    }
}
