package com.rostersync.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The service image as {@code deploy/docker/Dockerfile} builds it, checked without Docker: each service's executable
 * jar is layered, the Dockerfile copies exactly those layers in their order, the extraction its build stage runs
 * works on every jar, and the image runs as a non-root user with the heap sized from the container limit. Runs after
 * the services' package phase (the jars exist only then).
 */
class ServiceImageIT {

    /** The extraction the Dockerfile's build stage runs, with the jar copied to service.jar. */
    private static final List<String> EXTRACT =
            List.of("-Djarmode=tools", "-jar", "service.jar", "extract", "--layers", "--launcher", "--destination");

    private static final Pattern LAYER = Pattern.compile("^- \"([^\"]+)\":$", Pattern.MULTILINE);
    private static final Pattern LAYER_COPY =
            Pattern.compile("^COPY --from=layers /build/extracted/([^/\\s]+)/ \\./$", Pattern.MULTILINE);

    static final List<String> services = Manifests.SERVICES;

    @TempDir
    Path work;

    @Test
    void theImageRunsAsANonRootUserWithTheHeapFromTheContainerLimit() throws IOException {
        String dockerfile = dockerfile();
        List<String> users = lines(dockerfile, "USER ");
        assertThat(users).as("USER instructions").isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).strip();
        assertThat(user).as("numeric uid:gid").matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(dockerfile).contains("--uid " + user.split(":")[0]);
        assertThat(dockerfile.indexOf("USER " + user))
                .as("the last stage switches user before it starts the service")
                .isGreaterThan(dockerfile.lastIndexOf("FROM "))
                .isLessThan(dockerfile.indexOf("ENTRYPOINT"));
        assertThat(dockerfile)
                .containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=[0-9.]+")
                .containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:\\+ExitOnOutOfMemoryError")
                .doesNotContain("-Xmx");
        assertThat(dockerfile)
                .contains("RUN java " + String.join(" ", EXTRACT) + " extracted")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @ParameterizedTest
    @FieldSource("services")
    void theDockerfileCopiesEachLayerOfTheServiceJarInItsOrder(String service) throws IOException {
        List<String> layers = layersOf(jar(service));

        assertThat(layers)
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(all(LAYER_COPY.matcher(dockerfile()))).isEqualTo(layers);
    }

    @ParameterizedTest
    @FieldSource("services")
    void theBuildStagesExtractionGivesEveryLayerAndALaunchableApplication(String service) throws Exception {
        Path jar = jar(service);
        Files.copy(jar, work.resolve("service.jar"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(EXTRACT);
        command.add("extracted");
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("extraction finished")
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Path extracted = work.resolve("extracted");
        for (String layer : layersOf(jar)) {
            assertThat(extracted.resolve(layer)).as(layer).isDirectory();
        }
        // What the image's /app holds once the four layers are copied over each other.
        assertThat(extracted.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
                .isRegularFile();
        Path application = extracted.resolve("application");
        Manifest manifest;
        try (InputStream in = Files.newInputStream(application.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String startClass = manifest.getMainAttributes().getValue("Start-Class");
        assertThat(startClass).as(service + " Start-Class").isNotBlank();
        assertThat(application.resolve("BOOT-INF/classes/" + startClass.replace('.', '/') + ".class"))
                .isRegularFile();
        assertThat(application.resolve("BOOT-INF/classes/" + service + ".yml")).isRegularFile();
        try (var libs = Files.list(extracted.resolve("dependencies/BOOT-INF/lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("spring-kafka-"));
        }
    }

    private static List<String> layersOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry("BOOT-INF/layers.idx");
            assertThat(entry)
                    .as(jar.getFileName() + " is a layered jar (BOOT-INF/layers.idx)")
                    .isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                return all(LAYER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
    }

    private static List<String> all(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    private static String dockerfile() throws IOException {
        return Files.readString(Manifests.repositoryRoot().resolve("deploy/docker/Dockerfile"));
    }

    private static Path jar(String service) {
        String version = System.getProperty("project.version");
        assertThat(version).as("project.version (set by the build)").isNotBlank();
        Path jar = Manifests.repositoryRoot()
                .resolve(service)
                .resolve("target")
                .resolve(service + "-" + version + "-exec.jar");
        assertThat(jar)
                .as("the executable jar; build it first (./mvnw -B verify, or package with -am)")
                .isRegularFile();
        return jar;
    }
}
