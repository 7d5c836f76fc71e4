package com.rostersync.deploy.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The Kubernetes manifests under {@code deploy/k8s}, rendered and read into fabric8's typed Kubernetes model. */
final class Manifests {

    static final List<String> SERVICES =
            List.of("roster-extractor", "oneroster-mapper", "sftp-publisher", "sync-monitor");
    static final String BASE = "base";
    static final String PRODUCTION = "overlays/production";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Rendered once per test run; the tests only read the objects. */
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {}

    static Path directory() {
        return repositoryRoot().resolve("deploy/k8s");
    }

    /** What {@code kubectl apply -k deploy/k8s/<kustomization>} would send to the cluster, as typed objects. */
    static List<HasMetadata> render(String kustomization) {
        return RENDERED.computeIfAbsent(
                kustomization,
                k -> List.copyOf(typed(KustomizeBuild.render(directory().resolve(k)))));
    }

    static List<HasMetadata> typed(List<ObjectNode> resources) {
        List<HasMetadata> out = new ArrayList<>();
        for (ObjectNode resource : resources) {
            KubernetesResource typed = JSON.treeToValue(resource, KubernetesResource.class);
            if (!(typed instanceof HasMetadata object)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + resource);
            }
            out.add(object);
        }
        return out;
    }

    static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Fields the typed model does not know, with where they are: fabric8 keeps them aside instead of failing, so a
     * misspelt {@code readinesProbe} would otherwise pass unnoticed. Custom resources (CRDs) are not checked.
     */
    static List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            collectUnknown(
                    object, object.getKind() + "/" + object.getMetadata().getName(), found, new IdentityHashMap<>());
        }
        return found;
    }

    private static void collectUnknown(Object node, String where, List<String> found, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, where + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknown(value, where + "." + key, found, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(where + ": " + extra.keySet());
                }
            } else {
                collectUnknown(value, where + "." + property(getter), found, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getter + " failed", e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return Optional.ofNullable(dir).orElseThrow(() -> new IllegalStateException("no mvnw above the working dir"));
    }
}
