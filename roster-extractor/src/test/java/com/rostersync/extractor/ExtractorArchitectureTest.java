package com.rostersync.extractor;

import com.rostersync.testsupport.architecture.ServiceArchitectureTest;
import java.util.Set;

/** Cores: change detection and the tenant cycle (docs/architecture.md, "Boundaries"). */
class ExtractorArchitectureTest extends ServiceArchitectureTest {

    ExtractorArchitectureTest() {
        // 27: the tenant group's listener is a bean the configuration names, in the Kafka adapter's package.
        super("com.rostersync.extractor", 27, "change", "cycle");
    }

    /**
     * The tenant cycle classifies a source's unexpected failure with {@code SourceFailures}, which tells JDBC errors
     * apart by their SQL state (JDK types only, no driver). Moving that into each source adapter is still to do.
     */
    @Override
    protected Set<String> toleratedAdapters() {
        return Set.of("com.rostersync.extractor.source.SourceFailures");
    }
}
