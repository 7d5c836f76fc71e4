package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.SftpDropSite;
import com.rostersync.tenants.Tenant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CSV drop adapter reading a drop on a real MINA SSHD site, host key pinned. */
class SftpDropRosterSourceContractTest extends RosterSourceContract {

    @RegisterExtension
    static final SftpDropSite site = new SftpDropSite();

    @Override
    protected RosterSource source() {
        return new CsvDropRosterSource(new FolderDropFetcher(), site.fetcher());
    }

    @Override
    protected RosterSource sourceWithWrongCredentials() {
        return new CsvDropRosterSource(new FolderDropFetcher(), site.fetcher(WRONG_SECRET));
    }

    @Override
    protected Tenant tenant(List<String> schoolIds) {
        return site.tenantAt(site.port(), schoolIds);
    }

    @Override
    protected String knownSchool() {
        return "SA";
    }

    @Override
    protected Tenant unreachableTenant() throws Exception {
        return site.tenantAt(closedPort(), List.of("SA"));
    }

    @Override
    protected void breakOneRecordOrFile() {
        Drops.write(site.dropFolder(), "courses.csv", Drops.headerOnly("courses.csv"));
    }
}
