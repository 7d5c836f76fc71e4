package com.rostersync.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization directory the way {@code kubectl apply -k} would, for the part of Kustomize our manifests
 * use: {@code resources} (files and directories), {@code namespace}, {@code images} and {@code patches} (strategic
 * merge patches matched by kind and name, JSON 6902 patches matched by a target). There is no kubectl on the build
 * machine, and an overlay that uses any other field is refused rather than rendered wrong.
 */
final class KustomizeBuild {

    // Several documents per file are read one by one from one parser: the next document is no trailing garbage.
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> SUPPORTED =
            Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");

    private KustomizeBuild() {}

    /** Every resource the kustomization in {@code dir} produces, in order. */
    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        JsonNode kustomization = readAll(file).get(0);
        kustomization.propertyNames().forEach(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(
                        file + ": field '" + field + "' is not rendered by this build; supported: " + SUPPORTED);
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = dir.resolve(entry.asString()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(render(resource));
            } else {
                readAll(resource).forEach(doc -> resources.add((ObjectNode) doc));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, file, patch, resources);
        }
        for (JsonNode image : kustomization.path("images")) {
            resources.forEach(resource -> setImage(resource, image));
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asString();
            resources.forEach(resource -> ((ObjectNode) resource.get("metadata")).put("namespace", namespace));
        }
        return resources;
    }

    /** The non-empty YAML documents of a file, as trees (a document may be a list, e.g. a JSON 6902 patch). */
    static List<JsonNode> readAll(Path file) {
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (parser.nextToken() != null) {
                JsonNode doc = YAML.readTree(parser);
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        }
    }

    private static void applyPatch(Path dir, Path file, JsonNode entry, List<ObjectNode> resources) {
        JsonNode patch;
        if (entry.has("path")) {
            List<JsonNode> docs = readAll(dir.resolve(entry.get("path").asString()));
            if (docs.size() != 1) {
                throw new IllegalArgumentException(file + ": patch " + entry.get("path") + " must be one document");
            }
            patch = docs.get(0);
        } else if (entry.has("patch")) {
            patch = YAML.readTree(entry.get("patch").asString());
        } else {
            throw new IllegalArgumentException(file + ": a patch needs 'path' or 'patch'");
        }
        JsonNode target = entry.path("target");
        List<ObjectNode> matched;
        if (patch.isArray()) {
            if (target.isMissingNode()) {
                throw new IllegalArgumentException(file + ": a JSON 6902 patch needs a target");
            }
            matched = resources.stream().filter(r -> matches(r, target)).toList();
            matched.forEach(resource -> JsonPatch.apply(resource, (ArrayNode) patch));
        } else {
            JsonNode selector = target.isMissingNode() ? patch : target;
            matched = resources.stream()
                    .filter(r -> target.isMissingNode() ? sameObject(r, patch) : matches(r, selector))
                    .toList();
            matched.forEach(resource -> StrategicMerge.apply(resource, (ObjectNode) patch));
        }
        if (matched.isEmpty()) {
            throw new IllegalArgumentException(file + ": patch " + entry + " matches no resource");
        }
    }

    private static boolean sameObject(JsonNode resource, JsonNode patch) {
        return resource.path("kind").equals(patch.path("kind"))
                && resource.path("metadata")
                        .path("name")
                        .equals(patch.path("metadata").path("name"));
    }

    private static boolean matches(JsonNode resource, JsonNode target) {
        if (target.has("kind") && !target.get("kind").equals(resource.path("kind"))) {
            return false;
        }
        if (target.has("name")
                && !target.get("name").equals(resource.path("metadata").path("name"))) {
            return false;
        }
        if (target.has("labelSelector")) {
            JsonNode labels = resource.path("metadata").path("labels");
            for (String requirement : target.get("labelSelector").asString().split(",")) {
                String[] keyValue = requirement.strip().split("=", 2);
                if (keyValue.length != 2
                        || !labels.path(keyValue[0]).asString("").equals(keyValue[1])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Kustomize's image transformer: a container image named {@code name} (any tag) gets the new name and tag. */
    private static void setImage(ObjectNode resource, JsonNode image) {
        String name = image.get("name").asString();
        for (JsonNode container : containers(resource)) {
            String current = container.path("image").asString("");
            int tag = current.lastIndexOf(':');
            boolean tagged = tag > current.lastIndexOf('/');
            String currentName = tagged ? current.substring(0, tag) : current;
            if (currentName.equals(name)) {
                String newName = image.path("newName").asString(currentName);
                String newTag = image.has("newTag")
                        ? image.get("newTag").asString()
                        : (tagged ? current.substring(tag + 1) : null);
                ((ObjectNode) container).put("image", newTag == null ? newName : newName + ":" + newTag);
            }
        }
    }

    private static List<JsonNode> containers(JsonNode resource) {
        JsonNode pod = resource.path("spec").path("template").path("spec");
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        return containers;
    }

    /** The rendered resources by kind and name, e.g. {@code Deployment/roster-extractor}. */
    static Map<String, ObjectNode> byKindAndName(List<ObjectNode> resources) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ObjectNode resource : resources) {
            String key = resource.path("kind").asString() + "/"
                    + resource.path("metadata").path("name").asString();
            if (out.put(key, resource) != null) {
                throw new IllegalArgumentException("two resources named " + key);
            }
        }
        return out;
    }
}
