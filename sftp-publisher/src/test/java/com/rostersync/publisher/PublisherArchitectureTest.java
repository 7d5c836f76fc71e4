package com.rostersync.publisher;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;

/** Cores: merging snapshots and coordinating uploads (docs/architecture.md, "Boundaries"). */
class PublisherArchitectureTest extends ServiceArchitectureTest {

    PublisherArchitectureTest() {
        super("com.rostersync.publisher", 20, "merge", "publish");
    }
}
