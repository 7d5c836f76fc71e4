package com.rostersync.mapper;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;

/** Cores: the roster, snapshot assembly, validation, threshold, id churn, cycle planning and change report rules (docs/architecture.md, "Boundaries"). */
class MapperArchitectureTest extends ServiceArchitectureTest {

    MapperArchitectureTest() {
        super("com.rostersync.mapper", 24, "roster", "snapshot", "validation", "threshold", "churn", "cycle", "report");
    }
}
