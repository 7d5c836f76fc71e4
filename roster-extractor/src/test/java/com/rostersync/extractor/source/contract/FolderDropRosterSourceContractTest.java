package com.rostersync.extractor.source.contract;

import com.rostersync.extractor.source.RosterSource;
import com.rostersync.extractor.source.csv.CsvDropRosterSource;
import com.rostersync.extractor.source.csv.FolderDropFetcher;
import com.rostersync.extractor.support.Drops;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The CSV drop adapter reading a local folder: no login, so the credentials case does not apply. */
class FolderDropRosterSourceContractTest extends RosterSourceContract {

    @TempDir
    Path dir;

    private Path drop;
    private final CsvDropRosterSource source = new CsvDropRosterSource(new FolderDropFetcher(), null);

    @BeforeEach
    void writeDrop() {
        drop = Drops.goodDropIn(dir.resolve("drop"));
    }

    @Override
    protected RosterSource source() {
        return source;
    }

    @Override
    protected RosterSource sourceWithWrongCredentials() {
        return null;
    }

    @Override
    protected Tenant tenant(List<String> schoolIds) {
        return Tenants.folderDrop("st-anne", drop.toString(), schoolIds);
    }

    @Override
    protected String knownSchool() {
        return "SA";
    }

    @Override
    protected Tenant unreachableTenant() {
        return Tenants.folderDrop("st-anne", dir.resolve("no-such-folder").toString(), List.of("SA"));
    }

    @Override
    protected void breakOneRecordOrFile() {
        Drops.write(drop, "courses.csv", Drops.headerOnly("courses.csv"));
    }
}
