package com.rostersync.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.tenants.TenantRegistry;
import com.rostersync.tenants.TenantRegistryLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The Kubernetes manifests, rendered as {@code kubectl apply -k} would (the base, and the production overlay on it)
 * and read into fabric8's typed model, hold what running the services needs: probes on the health groups at the
 * port each service really listens on, memory for the measured peak with a heap of at most 1 GiB, a graceful stop,
 * a disruption budget, scraping, the registry and secrets mounted where the services look, and no secret value.
 */
class KubernetesManifestsTest {

    private static final long GIB = 1L << 30;
    /** Room above the peak RSS measured with a 1 GB heap: metaspace, threads and direct buffers vary by load. */
    private static final double MEMORY_HEADROOM = 1.25;

    /**
     * Names that hold a secret value; where one is kept (a folder, a file, a secret's name) is not secret. A reference
     * may end in {@code REF} without a separator ({@code ..._PASSWORDHASHREF}, the property {@code password-hash-ref}).
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?!.*(_DIR|_FILE|REF|\\.DIR|\\.FILE)$).*(PASSWORD|PASSPHRASE|TOKEN|SECRET|CREDENTIAL|JAAS|PRIVATE|KEY).*");

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void everyObjectReadsIntoTheTypedModelWithoutUnknownFields(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);

        assertThat(objects).extracting(Manifests::unknownFields).allSatisfy(unknown -> assertThat(unknown)
                .isEmpty());
        assertThat(Manifests.all(objects, Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void probesAskTheHealthGroupsOnThePortTheServiceListensOn(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);
        for (String service : Manifests.SERVICES) {
            Container container = container(objects, service);
            ServiceSettings settings = ServiceSettings.of(service, container, objects);
            int serverPort = Integer.parseInt(settings.property("server.port"));

            assertThat(settings.property("management.endpoint.health.probes.enabled"))
                    .as(service + " exposes the liveness and readiness groups")
                    .isEqualTo("true");
            assertThat(settings.property("management.server.port"))
                    .as(service + ": actuator on the server port")
                    .isNull();
            assertThat(exposed(settings)).as(service + " web endpoints").contains("health", "prometheus");
            assertThat(httpGet(service, container.getLivenessProbe()).getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(httpGet(service, container.getStartupProbe()).getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(httpGet(service, container.getReadinessProbe()).getPath())
                    .isEqualTo("/actuator/health/readiness");
            for (Probe probe :
                    List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
                assertThat(port(container, httpGet(service, probe).getPort()))
                        .as(service + " probe port")
                        .isEqualTo(serverPort);
            }

            Map<String, String> annotations = deployment(objects, service)
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getAnnotations();
            assertThat(annotations)
                    .as(service + " scrape annotations")
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(serverPort));
            Service network = Manifests.find(objects, Service.class, service);
            assertThat(network.getSpec().getSelector())
                    .isEqualTo(
                            deployment(objects, service).getSpec().getSelector().getMatchLabels());
            assertThat(network.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(
                            port(container, p.getTargetPort()))
                    .isEqualTo(serverPort));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void memoryCoversTheMeasuredPeakWithAHeapOfAtMostOneGibibyte(String kustomization) throws IOException {
        List<HasMetadata> objects = Manifests.render(kustomization);
        Map<String, Long> peakRss = BenchmarkFigures.peakRssBytes();
        for (String service : Manifests.SERVICES) {
            Container container = container(objects, service);
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(service + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(service + " limits").containsKeys("cpu", "memory");
            long limit = bytes(limits.get("memory"));
            assertThat(bytes(requests.get("memory")))
                    .as(service + ": memory request equals the limit (the JVM sizes itself by the limit)")
                    .isEqualTo(limit);
            assertThat(Quantity.getAmountInBytes(requests.get("cpu")))
                    .as(service + " cpu")
                    .isPositive();

            double percent = maxRamPercentage(service, container);
            assertThat((long) (limit * percent / 100))
                    .as(service + ": heap (MaxRAMPercentage of the limit) at most 1 GiB")
                    .isLessThanOrEqualTo(GIB);
            assertThat(javaToolOptions(container))
                    .as(service + ": the options the benchmark measured")
                    .contains("-XX:+ExitOnOutOfMemoryError", "-XX:+UseParallelGC", "-XX:-UsePerfData");
            assertThat((double) limit)
                    .as(service + ": limit over the peak RSS in docs/benchmarks.md with headroom")
                    .isGreaterThanOrEqualTo(peakRss.get(service) * MEMORY_HEADROOM);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void aPodStopsGracefullyBeforeTheKubeletKillsIt(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);
        for (String service : Manifests.SERVICES) {
            Container container = container(objects, service);
            ServiceSettings settings = ServiceSettings.of(service, container, objects);
            PodSpec pod = deployment(objects, service).getSpec().getTemplate().getSpec();

            assertThat(settings.property("server.shutdown"))
                    .as(service + ": Spring Boot's default, graceful")
                    .isIn(null, "graceful");
            Duration phase =
                    DurationStyle.detectAndParse(settings.property("spring.lifecycle.timeout-per-shutdown-phase"));
            List<String> preStop =
                    container.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
            Duration drain = Duration.ofSeconds(Long.parseLong(preStop.get(1)));
            // The web server's and the Kafka listener containers' shutdown phases, after the endpoints drained.
            assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                    .as(service + " terminationGracePeriodSeconds")
                    .isGreaterThan(drain.plus(phase.multipliedBy(2)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void everyServiceHasADisruptionBudgetThatAllowsDrains(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);
        for (String service : Manifests.SERVICES) {
            Deployment deployment = deployment(objects, service);
            PodDisruptionBudget budget = Manifests.find(objects, PodDisruptionBudget.class, service);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            int replicas = deployment.getSpec().getReplicas();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            assertThat(minAvailable == null ? maxUnavailable : minAvailable)
                    .as(service + " budget")
                    .isNotNull();
            if (minAvailable != null) {
                assertThat(minAvailable.getIntVal())
                        .as(service + ": a drain can proceed")
                        .isLessThan(replicas);
            } else {
                assertThat(maxUnavailable.getIntVal()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void theRegistryAndTheSecretsAreMountedWhereTheServicesReadThem(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);
        String yaml = Manifests.find(objects, ConfigMap.class, "rostersync-tenants")
                .getData()
                .get("tenants.yml");
        TenantRegistry registry = TenantRegistryLoader.parse(yaml, "rostersync-tenants");
        assertThat(registry.tenants()).isNotEmpty();

        for (String service : Manifests.SERVICES) {
            Container container = container(objects, service);
            ServiceSettings settings = ServiceSettings.of(service, container, objects);
            PodSpec pod = deployment(objects, service).getSpec().getTemplate().getSpec();

            Path tenantsFile = Path.of(settings.property("rostersync.tenants.file"));
            VolumeMount registryMount = mountOf(container, tenantsFile.getParent());
            assertThat(registryMount.getSubPath())
                    .as(service + ": a subPath mount never sees ConfigMap updates")
                    .isNull();
            assertThat(volume(pod, registryMount.getName()).getConfigMap().getName())
                    .isEqualTo("rostersync-tenants");
            assertThat(tenantsFile.getFileName()).hasToString("tenants.yml");

            VolumeMount secretsMount = mountOf(container, Path.of(settings.property("rostersync.secrets.dir")));
            assertThat(secretsMount.getSubPath()).isNull();
            assertThat(secretsMount.getMountPath()).isEqualTo(settings.property("rostersync.secrets.dir"));
            assertThat(volume(pod, secretsMount.getName()).getSecret().getSecretName())
                    .isEqualTo("rostersync-credentials");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void noSecretValueIsWrittenInAManifest(String kustomization) throws IOException {
        List<HasMetadata> objects = Manifests.render(kustomization);

        assertThat(Manifests.all(objects, Secret.class))
                .as("Secrets are created in the cluster, not committed")
                .allSatisfy(secret -> {
                    assertThat(secret.getData()).isNullOrEmpty();
                    assertThat(secret.getStringData()).isNullOrEmpty();
                });
        for (ConfigMap map : Manifests.all(objects, ConfigMap.class)) {
            map.getData().forEach((key, value) -> {
                assertThat(key).as("ConfigMap " + map.getMetadata().getName()).doesNotMatch(SECRET_NAME);
                assertThat(value)
                        .as("ConfigMap " + map.getMetadata().getName() + " " + key)
                        .doesNotContain("-----BEGIN")
                        .doesNotContainIgnoringCase("password=")
                        .doesNotContainIgnoringCase("password:");
            });
        }
        for (String service : Manifests.SERVICES) {
            for (EnvVar variable : container(objects, service).getEnv()) {
                if (SECRET_NAME.matcher(variable.getName()).matches()) {
                    assertThat(variable.getValueFrom())
                            .as(service + " " + variable.getName() + " comes from a Secret")
                            .isNotNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef())
                            .as(service + " " + variable.getName())
                            .isNotNull();
                }
            }
        }
        String guide = Files.readString(Manifests.repositoryRoot().resolve("docs/kubernetes.md"));
        assertThat(referencedSecrets(objects))
                .as("every Secret the pods need is one docs/kubernetes.md tells the operator to create")
                .allSatisfy(name -> assertThat(guide).contains("`" + name + "`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void theMonitorsUsersHaveARoleAndAHashFromTheirSecret(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);
        Map<String, String> users = Manifests.find(objects, ConfigMap.class, "rostersync-monitor-users")
                .getData();
        Pattern role = Pattern.compile("ROSTERSYNC_MONITOR_SECURITY_USERS_([A-Z0-9]+)_ROLE");
        Set<String> names = new TreeSet<>();
        users.forEach((key, value) -> {
            Matcher user = role.matcher(key);
            if (user.matches()) {
                names.add(user.group(1));
                assertThat(value).as(key).isIn("viewer", "operator");
            }
        });
        assertThat(names).as("the console has an operator and a viewer").contains("OPERATOR", "VIEWER");
        names.forEach(name -> assertThat(users)
                .as("user " + name + " names the secret of its password hash")
                .containsKey("ROSTERSYNC_MONITOR_SECURITY_USERS_" + name + "_PASSWORDHASHREF"));
        assertThat(users.keySet())
                .as("every key binds to a user's role or hash reference")
                .allMatch(key -> key.matches("ROSTERSYNC_MONITOR_SECURITY_USERS_[A-Z0-9]+_(ROLE|PASSWORDHASHREF)"));
        Container monitor = container(objects, "sync-monitor");
        assertThat(monitor.getEnvFrom())
                .as("the monitor reads the users")
                .anyMatch(from -> from.getConfigMapRef() != null
                        && from.getConfigMapRef().getName().equals("rostersync-monitor-users"));
        users.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("_PASSWORDHASHREF"))
                .forEach(entry -> assertThat(monitor.getEnv())
                        .as(entry.getKey() + ": the variable it names comes from the Secret rostersync-monitor-users")
                        .anyMatch(variable -> variable.getName().equals(entry.getValue())
                                && variable.getValueFrom() != null
                                && variable.getValueFrom().getSecretKeyRef() != null
                                && variable.getValueFrom()
                                        .getSecretKeyRef()
                                        .getName()
                                        .equals("rostersync-monitor-users")));
    }

    @ParameterizedTest
    @ValueSource(strings = {Manifests.BASE, Manifests.PRODUCTION})
    void theKafkaConnectionReachesTheServicesClients(String kustomization) {
        List<HasMetadata> objects = Manifests.render(kustomization);
        boolean production = kustomization.equals(Manifests.PRODUCTION);
        for (String service : Manifests.SERVICES) {
            Container container = container(objects, service);
            KafkaProperties kafka =
                    ServiceSettings.of(service, container, objects).bind("spring.kafka", KafkaProperties.class);

            for (Map<String, Object> client : List.of(
                    kafka.buildProducerProperties(), kafka.buildConsumerProperties(), kafka.buildAdminProperties())) {
                assertThat(client.get("bootstrap.servers"))
                        .asString()
                        .as(service)
                        .contains(
                                production
                                        ? "roster-sync-kafka-bootstrap.kafka.svc:9093"
                                        : "roster-sync-kafka-bootstrap:9092");
                if (production) {
                    assertThat(client)
                            .as(service + " Kafka client settings")
                            .containsEntry("security.protocol", "SASL_SSL")
                            .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                            .containsEntry("sasl.jaas.config", ServiceSettings.SECRET_STAND_IN)
                            .containsEntry("ssl.truststore.type", "PEM");
                    Path trustStore = Path.of((String) client.get("ssl.truststore.location"));
                    VolumeMount mount = mountOf(container, trustStore.getParent());
                    Volume volume = volume(
                            deployment(objects, service).getSpec().getTemplate().getSpec(), mount.getName());
                    assertThat(volume.getSecret())
                            .as(service + ": the CA certificate comes from a Secret")
                            .isNotNull();
                    assertThat(volume.getSecret().getItems()).anySatisfy(item -> assertThat(item.getPath())
                            .isEqualTo(trustStore.getFileName().toString()));
                } else {
                    assertThat(client).containsEntry("security.protocol", "PLAINTEXT");
                }
            }
        }
    }

    @Test
    void theProductionOverlayPutsEverythingInItsNamespaceWithItsImages() {
        List<HasMetadata> objects = Manifests.render(Manifests.PRODUCTION);

        assertThat(objects)
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("roster-sync"));
        assertThat(objects).extracting(HasMetadata::getKind).contains("ServiceMonitor");
        for (String service : Manifests.SERVICES) {
            assertThat(container(objects, service).getImage())
                    .isEqualTo("registry.example.org/rostersync/" + service + ":0.1.0");
        }
        assertThat(Manifests.render(Manifests.BASE))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
    }

    @Test
    void everyManifestFileIsUsedByAKustomization() throws IOException {
        Path k8s = Manifests.directory();
        Set<Path> used = new TreeSet<>();
        collectUsed(k8s.resolve(Manifests.BASE), used);
        collectUsed(k8s.resolve(Manifests.PRODUCTION), used);
        Set<Path> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(k8s)) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !k8s.relativize(f).startsWith("src")
                            && !k8s.relativize(f).startsWith("target"))
                    .forEach(f -> present.add(f.normalize()));
        }
        assertThat(used).containsExactlyElementsOf(present);
    }

    private static void collectUsed(Path dir, Set<Path> used) {
        used.add(dir.resolve("kustomization.yaml").normalize());
        var kustomization =
                KustomizeBuild.readAll(dir.resolve("kustomization.yaml")).get(0);
        kustomization.path("resources").forEach(entry -> {
            Path resource = dir.resolve(entry.asString()).normalize();
            if (Files.isDirectory(resource)) {
                collectUsed(resource, used);
            } else {
                used.add(resource);
            }
        });
        kustomization.path("patches").forEach(entry -> {
            if (entry.has("path")) {
                used.add(dir.resolve(entry.get("path").asString()).normalize());
            }
        });
    }

    private static Set<String> referencedSecrets(List<HasMetadata> objects) {
        Set<String> names = new LinkedHashSet<>();
        for (Deployment deployment : Manifests.all(objects, Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            pod.getVolumes().stream()
                    .filter(v -> v.getSecret() != null)
                    .forEach(v -> names.add(v.getSecret().getSecretName()));
            pod.getContainers().forEach(c -> c.getEnv().stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> names.add(e.getValueFrom().getSecretKeyRef().getName())));
        }
        return names;
    }

    private static Deployment deployment(List<HasMetadata> objects, String service) {
        return Manifests.find(objects, Deployment.class, service);
    }

    private static Container container(List<HasMetadata> objects, String service) {
        List<Container> containers =
                deployment(objects, service).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(service + " containers").hasSize(1);
        return containers.get(0);
    }

    private static HTTPGetAction httpGet(String service, Probe probe) {
        assertThat(probe).as(service + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(service + " HTTP probe").isNotNull();
        return probe.getHttpGet();
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int port(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static Set<String> exposed(ServiceSettings settings) {
        String include = settings.property("management.endpoints.web.exposure.include");
        Set<String> out = new TreeSet<>();
        if (include != null) {
            Arrays.stream(include.split(",")).map(String::strip).forEach(out::add);
        }
        return out;
    }

    private static VolumeMount mountOf(Container container, Path directory) {
        return container.getVolumeMounts().stream()
                .filter(m -> Path.of(m.getMountPath()).equals(directory))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + directory));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static long bytes(Quantity quantity) {
        assertThat(quantity).isNotNull();
        return Quantity.getAmountInBytes(quantity).longValueExact();
    }

    private static String javaToolOptions(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " sets no JAVA_TOOL_OPTIONS"));
    }

    private static double maxRamPercentage(String service, Container container) {
        Matcher matcher = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(javaToolOptions(container));
        assertThat(matcher.find())
                .as(service + " sizes its heap from the container limit")
                .isTrue();
        assertThat(javaToolOptions(container))
                .as(service + ": no fixed heap beside MaxRAMPercentage")
                .doesNotContain("-Xmx");
        return Double.parseDouble(matcher.group(1));
    }
}
