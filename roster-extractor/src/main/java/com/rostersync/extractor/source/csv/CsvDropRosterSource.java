package com.rostersync.extractor.source.csv;

import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.tenants.Tenant;

/** A OneRoster 1.1 CSV drop (folder or SFTP site): fetch the files, then read each one on its own. */
public final class CsvDropRosterSource implements RosterSource {

    private final DropFetcher folder;
    private final DropFetcher sftp;

    public CsvDropRosterSource(DropFetcher folder, DropFetcher sftp) {
        this.folder = folder;
        this.sftp = sftp;
    }

    @Override
    public SourceRead read(Tenant tenant) throws SourceFailure {
        DropFetcher fetcher = tenant.source().csvDrop().isSftp() ? sftp : folder;
        return new OneRosterDropReader(tenant.schoolIds()).read(DropUnpacker.unpack(fetcher.fetch(tenant)));
    }
}
