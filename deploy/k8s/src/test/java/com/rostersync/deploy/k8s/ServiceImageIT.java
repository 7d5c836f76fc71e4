package com.rostersync.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * gives a launchable jar with its libraries on every service, the class-data training run it runs succeeds without a
 * broker and gives an archive a start maps our classes from, and the image runs as a non-root user with the heap
 * sized from the container limit. Runs after the services' package phase (the jars exist only then).
 */
class ServiceImageIT {

    /** The extraction the Dockerfile's build stage runs, with the jar copied to service.jar. */
    private static final List<String> EXTRACT = List.of(
            "-Djarmode=tools",
            "-jar",
            "service.jar",
            "extract",
            "--layers",
            "--application-filename",
            "service.jar",
            "--destination");

    private static final String ENTRYPOINT =
            "ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=service.jsa\", \"-jar\", \"service.jar\"]";

    private static final Pattern LAYER = Pattern.compile("^- \"([^\"]+)\":$", Pattern.MULTILINE);
    private static final Pattern LAYER_COPY =
            Pattern.compile("^COPY --from=layers /build/extracted/([^/\\s]+)/ \\./$", Pattern.MULTILINE);
    private static final Pattern TRAINING = Pattern.compile(
            "^RUN (java -XX:ArchiveClassesAtExit=service\\.jsa (?:[^\\n]*\\\\\\n)*[^\\n]*)$", Pattern.MULTILINE);
    private static final Pattern TOOL_OPTIONS =
            Pattern.compile("^ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"$", Pattern.MULTILINE);

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
        assertThat(toolOptions(dockerfile))
                .contains("-XX:+ExitOnOutOfMemoryError")
                .containsPattern("-XX:MaxRAMPercentage=[0-9.]+")
                .doesNotContain("-Xmx");
        assertThat(dockerfile.indexOf("ENV JAVA_TOOL_OPTIONS"))
                .as("the training run uses the options the service runs with")
                .isLessThan(dockerfile.indexOf("RUN java -XX:ArchiveClassesAtExit"));
        assertThat(dockerfile)
                .contains("RUN java " + String.join(" ", EXTRACT) + " extracted")
                .contains(ENTRYPOINT);
    }

    @ParameterizedTest
    @FieldSource("services")
    void theDockerfileCopiesEachLayerOfTheServiceJarInItsOrder(String service) throws IOException {
        List<String> layers = layersOf(jar(service));

        assertThat(layers)
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(all(LAYER_COPY.matcher(dockerfile()))).isEqualTo(layers);
    }

    /**
     * The image's /app as the build makes it (the layers copied over each other), its training run (the Dockerfile's
     * own command and options, no broker anywhere), and a start that must map the archive ({@code -Xshare:on} refuses
     * to start otherwise) and loads the service's main class from it.
     */
    @ParameterizedTest
    @FieldSource("services")
    void theTrainingRunNeedsNoBrokerAndStartsLoadOurClassesFromItsArchive(String service) throws Exception {
        Path jar = jar(service);
        Files.copy(jar, work.resolve("service.jar"));
        List<String> extract = new ArrayList<>(List.of(java()));
        extract.addAll(EXTRACT);
        extract.add("extracted");
        run(extract, work, Map.of());
        Path app = Files.createDirectory(work.resolve("app"));
        for (String layer : layersOf(jar)) {
            Path from = work.resolve("extracted").resolve(layer);
            assertThat(from).as(layer).isDirectory();
            copyTree(from, app);
        }
        Files.copy(
                Manifests.repositoryRoot().resolve("deploy/docker/training-tenants.yml"),
                app.resolve("training-tenants.yml"));
        Manifest manifest;
        try (JarFile serviceJar = new JarFile(app.resolve("service.jar").toFile())) {
            manifest = serviceJar.getManifest();
        }
        String mainClass = manifest.getMainAttributes().getValue("Main-Class");
        assertThat(mainClass).as(service + " Main-Class").startsWith("com.rostersync.");
        String classPath = manifest.getMainAttributes().getValue("Class-Path");
        assertThat(classPath).as("service.jar names its libraries").contains("lib/spring-kafka-");
        for (String library : classPath.split(" ")) {
            assertThat(app.resolve(library)).as(library).isRegularFile();
        }

        Map<String, String> environment = Map.of("JAVA_TOOL_OPTIONS", toolOptions(dockerfile()));
        List<String> training = shellWords(training(dockerfile()));
        training.set(0, java());
        String trained = run(training, app, environment);
        assertThat(app.resolve("service.jsa")).as(trained).isNotEmptyFile();

        List<String> start = new ArrayList<>(training);
        start.set(1, "-XX:SharedArchiveFile=service.jsa");
        start.add(2, "-Xshare:on");
        start.add(3, "-Xlog:class+load=info");
        String started = run(start, app, environment);
        assertThat(started)
                .as("the main class comes from the archive")
                .containsPattern(Pattern.quote(mainClass) + " source: shared objects file \\(top\\)");
    }

    private static String run(List<String> command, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("finished: " + command)
                .isTrue();
        assertThat(process.exitValue()).as(command + "\n" + tail(output)).isZero();
        return output;
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String training(String dockerfile) {
        Matcher training = TRAINING.matcher(dockerfile);
        assertThat(training.find())
                .as("the Dockerfile's class-data training run")
                .isTrue();
        return training.group(1).replace("\\\n", " ");
    }

    private static String toolOptions(String dockerfile) {
        Matcher options = TOOL_OPTIONS.matcher(dockerfile);
        assertThat(options.find()).as("ENV JAVA_TOOL_OPTIONS=\"...\"").isTrue();
        return options.group(1);
    }

    private static List<String> shellWords(String command) {
        return new ArrayList<>(List.of(command.strip().split("\\s+")));
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
