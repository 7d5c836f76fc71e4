package com.rostersync.publisher.upload;

import java.time.Instant;

/**
 * One file as an upload left it in a destination folder: its content's size and SHA-256, and the modification time
 * the server reported right after the rename put it in place.
 */
public record PlacedFile(String name, long bytes, String sha256, Instant modifiedAt) {}
