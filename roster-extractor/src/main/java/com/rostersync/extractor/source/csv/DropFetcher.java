package com.rostersync.extractor.source.csv;

import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.tenants.Tenant;
import java.util.Map;

/** Fetches the files of a tenant's OneRoster drop (name to bytes), or fails when the drop cannot be reached. */
public interface DropFetcher {

    Map<String, byte[]> fetch(Tenant tenant) throws SourceFailure;
}
