package com.rostersync.monitor;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;

/** Cores: incidents and what to mail about them (docs/architecture.md, "Boundaries"). */
class MonitorArchitectureTest extends ServiceArchitectureTest {

    MonitorArchitectureTest() {
        super("com.rostersync.monitor", 18, "incident");
    }
}
