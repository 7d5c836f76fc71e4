package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.csv.DropFetcher;
import com.rostersync.extractor.support.SftpDropSite;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SFTP drop fetcher against a real MINA SSHD site, host key pinned. */
class SftpDropFetcherContractTest extends DropFetcherContract {

    @RegisterExtension
    static final SftpDropSite site = new SftpDropSite();

    @Override
    protected DropFetcher fetcher() {
        return site.fetcher();
    }

    @Override
    protected DropFetcher settlingFetcher(Duration settle) {
        return site.settlingFetcher(settle);
    }

    @Override
    protected DropFetcher fetcherWithWrongCredentials() {
        return site.fetcher(WRONG_SECRET);
    }

    @Override
    protected Path dropFolder() {
        return site.dropFolder();
    }

    @Override
    protected Tenant tenant() {
        return site.tenantAt(site.port(), List.of("SA"));
    }

    @Override
    protected Tenant unreachableTenant() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return site.tenantAt(socket.getLocalPort(), List.of("SA"));
        }
    }
}
