package com.rostersync.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The boundaries every service keeps, in one place; each service applies them with a small test that names its own
 * core packages. A core holds the pure rules: no Spring, Kafka, SFTP, JDBC, mail or JSON library, and no class that
 * uses one (an adapter). Adapters depend on the cores' ports, never the reverse, and no service depends on another.
 */
public final class ArchitectureRules {

    /**
     * Infrastructure a core may not touch. Jackson's annotations are allowed: they only describe the JSON form of
     * state records, the contract uses them too, and they carry no behaviour.
     */
    public static final List<String> INFRASTRUCTURE = List.of(
            "org.springframework..",
            "org.apache.kafka..",
            "org.apache.sshd..",
            "com.jcraft..",
            "java.sql..",
            "javax.sql..",
            "org.h2..",
            "org.postgresql..",
            "jakarta.mail..",
            "tools.jackson..",
            "com.fasterxml.jackson.core..",
            "com.fasterxml.jackson.databind..");

    /**
     * Parts of those libraries a core may use: plain computations with no container, connection or I/O behind them
     * (Spring's back-off arithmetic decides how long a retry waits; it is a rule's input, not infrastructure).
     */
    public static final List<String> PURE_UTILITIES = List.of("org.springframework.util.backoff..");

    private static final List<String> SERVICES = List.of(
            "com.rostersync.extractor", "com.rostersync.mapper", "com.rostersync.publisher", "com.rostersync.monitor");

    private ArchitectureRules() {}

    /**
     * The production classes of one service, read from its build output ({@code target/classes}, the working folder
     * of a module's tests): scanning the class path for a package would also open every jar on it.
     */
    public static JavaClasses mainClasses(String servicePackage) {
        // The rules look at the service's own classes and the packages they name; importing all of Spring and Kafka
        // to resolve those would take a minute per service.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        Path classes = Path.of("target", "classes", servicePackage.replace('.', '/'));
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(
                    "no compiled classes of " + servicePackage + " under " + classes.toAbsolutePath());
        }
        return new ClassFileImporter().importPath(classes);
    }

    /** Cores import no infrastructure. */
    public static ArchRule coresUseNoInfrastructure(String... corePackages) {
        return noClasses()
                .that()
                .resideInAnyPackage(subpackages(corePackages))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "reside in " + INFRASTRUCTURE + " but not in " + PURE_UTILITIES,
                        ArchitectureRules::isInfrastructure))
                .because("a core holds the pure rules; Spring, Kafka, SFTP, JDBC, mail and JSON stay in adapters");
    }

    /** Cores reach adapters only through ports: no core class depends on a class that uses infrastructure. */
    public static ArchRule coresDependOnNoAdapter(
            String servicePackage, Set<String> tolerated, String... corePackages) {
        return noClasses()
                .that()
                .resideInAnyPackage(subpackages(corePackages))
                .should()
                .dependOnClassesThat(adapterOf(servicePackage, tolerated))
                .because("adapters depend on the cores' ports, never the reverse");
    }

    /** A service depends on the contract and the shared modules, never on another service. */
    public static ArchRule dependsOnNoOtherService(String servicePackage) {
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(servicePackage))
                .map(other -> other + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(servicePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk only through Kafka topics and the roster-events contract");
    }

    /** Public top-level types: what other packages may use. The rest should be package-private. */
    public static List<JavaClass> publicTypes(JavaClasses classes) {
        return classes.stream()
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(type -> type.isTopLevelClass())
                .toList();
    }

    public static long topLevelTypes(JavaClasses classes) {
        return classes.stream().filter(JavaClass::isTopLevelClass).count();
    }

    private static DescribedPredicate<JavaClass> adapterOf(String servicePackage, Set<String> tolerated) {
        return DescribedPredicate.describe(
                "adapters of " + servicePackage + " (classes that use infrastructure)",
                type -> type.getPackageName().startsWith(servicePackage)
                        && !tolerated.contains(type.getName())
                        && type.getDirectDependenciesFromSelf().stream()
                                .map(Dependency::getTargetClass)
                                .anyMatch(ArchitectureRules::isInfrastructure));
    }

    private static boolean isInfrastructure(JavaClass target) {
        String name = target.getPackageName();
        return inAny(name, INFRASTRUCTURE) && !inAny(name, PURE_UTILITIES);
    }

    private static boolean inAny(String packageName, List<String> patterns) {
        return patterns.stream()
                .map(pattern -> pattern.substring(0, pattern.length() - 2))
                .anyMatch(prefix -> packageName.equals(prefix) || packageName.startsWith(prefix + "."));
    }

    private static String[] subpackages(String... packages) {
        return Stream.of(packages).map(p -> p + "..").toArray(String[]::new);
    }

    /** For messages: the packages as the rules name them. */
    public static String describe(String... packages) {
        return Arrays.toString(packages);
    }
}
