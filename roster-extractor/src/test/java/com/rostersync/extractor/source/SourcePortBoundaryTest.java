package com.rostersync.extractor.source;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The source port speaks in failure kinds; which SQLState or MINA exception means what stays in its adapter. */
class SourcePortBoundaryTest {

    static {
        // Dependencies are judged by their package name alone; loading every library class only costs time.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private static final JavaClasses EXTRACTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.rostersync.extractor");

    @Test
    void thePortPackageKnowsNeitherJdbcNorMinaSshd() {
        noClasses()
                .that()
                .resideInAPackage("com.rostersync.extractor.source")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.apache.sshd..", "org.springframework.integration..")
                .check(EXTRACTOR);
    }

    @Test
    void onlyTheJdbcAdapterReadsSqlStatesAndOnlyTheDropAdapterKnowsMinaSshd() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.rostersync.extractor.source.jdbc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.sql..")
                .check(EXTRACTOR);
        noClasses()
                .that()
                .resideOutsideOfPackage("com.rostersync.extractor.source.csv..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.sshd..")
                .check(EXTRACTOR);
    }
}
