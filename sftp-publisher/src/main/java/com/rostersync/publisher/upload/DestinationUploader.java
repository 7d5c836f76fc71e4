package com.rostersync.publisher.upload;

import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.tenants.DestinationAccount;

/** The outbound port: puts one complete file set into a destination account's folder, or says why it could not. */
public interface DestinationUploader {

    UploadReceipt upload(DestinationAccount destination, MergedFileSet files) throws UploadFailure;

    /**
     * The same, knowing what the folder held after the last upload to it ({@code null}: not known), so that files it
     * still holds unchanged need not be sent again. An uploader that cannot tell sends every file.
     */
    default UploadReceipt upload(DestinationAccount destination, MergedFileSet files, Placement placed)
            throws UploadFailure {
        return upload(destination, files);
    }

    /**
     * Whether the account's secrets now differ from those its last attempt used: a destination refused on credentials
     * is worth retrying exactly then, even when the secret changed and changed back between two looks at it.
     */
    default boolean credentialsChangedSinceLastAttempt(DestinationAccount destination) {
        return false;
    }
}
