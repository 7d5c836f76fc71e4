package com.rostersync.extractor;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;

/** Cores: change detection and the tenant cycle (docs/architecture.md, "Boundaries"). */
class ExtractorArchitectureTest extends ServiceArchitectureTest {

    ExtractorArchitectureTest() {
        // 27: the tenant group's listener is a bean the configuration names, in the Kafka adapter's package.
        super("com.rostersync.extractor", 27, "change", "cycle");
    }
}
