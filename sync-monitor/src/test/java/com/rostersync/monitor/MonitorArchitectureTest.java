package com.rostersync.monitor;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;

/**
 * Cores: incidents and what to mail about them (docs/architecture.md, "Boundaries"). 19 public types: the API and the
 * console share {@code HoldApprovals}, the one way a hold decision reaches the audit and the mapper.
 */
class MonitorArchitectureTest extends ServiceArchitectureTest {

    MonitorArchitectureTest() {
        super("com.rostersync.monitor", 19, "incident");
    }
}
