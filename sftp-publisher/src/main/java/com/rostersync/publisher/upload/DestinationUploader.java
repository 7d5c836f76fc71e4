package com.rostersync.publisher.upload;

import com.rostersync.publisher.merge.MergedFileSet;
import com.rostersync.tenants.DestinationAccount;

/** The outbound port: puts one complete file set into a destination account's folder, or says why it could not. */
public interface DestinationUploader {

    UploadReceipt upload(DestinationAccount destination, MergedFileSet files) throws UploadFailure;
}
