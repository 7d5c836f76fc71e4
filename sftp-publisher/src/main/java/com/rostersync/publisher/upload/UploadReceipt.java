package com.rostersync.publisher.upload;

/** What a successful upload moved: files and bytes, all renamed into place and verified by size. */
public record UploadReceipt(int files, long bytes) {}
