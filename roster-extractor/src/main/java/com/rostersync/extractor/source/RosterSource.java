package com.rostersync.extractor.source;

import com.rostersync.tenants.Tenant;

/** Reads one tenant's whole roster, consistently, or fails with the reason the outcome will carry. */
public interface RosterSource {

    SourceRead read(Tenant tenant) throws SourceFailure;
}
