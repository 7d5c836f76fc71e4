package com.rostersync.publisher.upload;

import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.tenants.DestinationAccount;

/** The outbound port: puts one complete file set into a destination account's folder, or says why it could not. */
public interface DestinationUploader {

    UploadReceipt upload(DestinationAccount destination, MergedFileSet files) throws UploadFailure;

    /**
     * Whether the account's secrets now differ from those its last attempt used: a destination refused on credentials
     * is worth retrying exactly then, even when the secret changed and changed back between two looks at it.
     */
    default boolean credentialsChangedSinceLastAttempt(DestinationAccount destination) {
        return false;
    }
}
