package com.rostersync.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The boundary tests of one service, run in its {@code verify}: a service's test class extends this and names its
 * package, its core packages (relative to it) and how many public types it may have, a ceiling that only goes down.
 */
public abstract class ServiceArchitectureTest {

    private final String servicePackage;
    private final int maxPublicTypes;
    private final String[] cores;
    private final JavaClasses classes;

    protected ServiceArchitectureTest(String servicePackage, int maxPublicTypes, String... cores) {
        this.servicePackage = servicePackage;
        this.maxPublicTypes = maxPublicTypes;
        this.cores =
                Arrays.stream(cores).map(core -> servicePackage + "." + core).toArray(String[]::new);
        this.classes = ArchitectureRules.mainClasses(servicePackage);
    }

    @Test
    void coresImportNoSpringKafkaSftpJdbcMailOrJackson() {
        ArchitectureRules.coresUseNoInfrastructure(cores).check(classes);
    }

    @Test
    void coresDependOnPortsNeverOnAdapters() {
        ArchitectureRules.coresDependOnNoAdapter(servicePackage, toleratedAdapters(), cores)
                .check(classes);
    }

    /** Adapters a core still calls directly, by class name: known debt, each with its reason where it is listed. */
    protected Set<String> toleratedAdapters() {
        return Set.of();
    }

    @Test
    void dependsOnNoOtherService() {
        ArchitectureRules.dependsOnNoOtherService(servicePackage).check(classes);
    }

    @Test
    void mostTypesArePackagePrivate() {
        List<JavaClass> visible = ArchitectureRules.publicTypes(classes);
        if (visible.size() > maxPublicTypes) {
            throw new AssertionError(servicePackage + " has " + visible.size() + " public types of "
                    + ArchitectureRules.topLevelTypes(classes) + ", at most " + maxPublicTypes
                    + " allowed: make the new one package-private, or raise the ceiling with a reason. Public: "
                    + visible.stream().map(JavaClass::getSimpleName).sorted().toList());
        }
    }

    @Test
    void everyCorePackageExists() {
        for (String core : cores) {
            if (classes.stream().noneMatch(type -> type.getPackageName().equals(core))) {
                throw new AssertionError("core package " + core + " has no classes: update the core list");
            }
        }
    }
}
