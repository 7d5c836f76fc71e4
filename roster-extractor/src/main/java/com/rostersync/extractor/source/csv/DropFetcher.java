package com.rostersync.extractor.source.csv;

import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.tenants.Tenant;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches the files of a tenant's OneRoster drop (name to bytes), or fails when the drop cannot be reached, or says
 * the drop changed while it was fetched ({@link DropBeingWritten}): a drop is taken whole or not at all.
 */
public interface DropFetcher {

    Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure, DropBeingWritten;

    /**
     * The drop's files with their listing (each file's name, size and modification time), or empty when the listing
     * equals {@code knownListing}: then nothing is downloaded. A fetcher that cannot list cheaply always fetches and
     * gives no listing.
     */
    default Optional<Drop> fetchIfChanged(Tenant tenant, String knownListing) throws SourceFailure, DropBeingWritten {
        return Optional.of(new Drop(null, fetch(tenant)));
    }

    /** One fetch: the files, and the listing they were fetched under (null: unknown). */
    record Drop(String listing, Map<String, byte[]> files) {}
}
