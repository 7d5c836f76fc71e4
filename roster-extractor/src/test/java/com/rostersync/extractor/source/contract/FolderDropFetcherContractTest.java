package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.csv.DropFetcher;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class FolderDropFetcherContractTest extends DropFetcherContract {

    @TempDir
    Path dir;

    private Path drop;

    @BeforeEach
    void writeDrop() {
        drop = Drops.goodDropIn(dir.resolve("drop"));
    }

    @Override
    protected DropFetcher fetcher() {
        return new FolderDropFetcher();
    }

    @Override
    protected DropFetcher settlingFetcher(Duration settle) {
        return new FolderDropFetcher(settle, Clock.systemUTC());
    }

    @Override
    protected DropFetcher fetcherWithWrongCredentials() {
        return null;
    }

    @Override
    protected Path dropFolder() {
        return drop;
    }

    @Override
    protected Tenant tenant() {
        return Tenants.folderDrop("st-anne", drop.toString(), List.of("SA"));
    }

    @Override
    protected Tenant unreachableTenant() {
        return Tenants.folderDrop("st-anne", dir.resolve("no-such-folder").toString(), List.of("SA"));
    }
}
