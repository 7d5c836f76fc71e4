package com.rostersync.extractor;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;

/** Cores: change detection and the tenant cycle (docs/architecture.md, "Boundaries"). */
class ExtractorArchitectureTest extends ServiceArchitectureTest {

    ExtractorArchitectureTest() {
        // 29: the tenant group's listener is a bean the configuration names, in the Kafka adapter's package; so is the
        // drop folder watcher, in the CSV drop adapter's; and the drop fetcher's port throws DropBeingWritten, which
        // the fetchers' shared contract tests check from their own package.
        super("com.rostersync.extractor", 29, "change", "cycle");
    }
}
