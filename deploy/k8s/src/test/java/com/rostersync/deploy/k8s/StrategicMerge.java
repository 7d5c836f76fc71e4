package com.rostersync.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strategic merge patch for the shapes our overlays patch: maps merge key by key (null deletes), lists of objects
 * that all carry a {@code name} (containers, env, volumes, ports) merge by name, every other list is replaced.
 */
final class StrategicMerge {

    private StrategicMerge() {}

    static void apply(ObjectNode target, ObjectNode patch) {
        for (String key : patch.propertyNames()) {
            JsonNode value = patch.get(key);
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                apply((ObjectNode) current, (ObjectNode) value);
            } else if (value.isArray() && current != null && current.isArray() && named(current) && named(value)) {
                mergeByName((ArrayNode) current, (ArrayNode) value);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeByName(ArrayNode current, ArrayNode patch) {
        for (JsonNode item : patch) {
            String name = item.get("name").asString();
            List<JsonNode> same = new ArrayList<>();
            current.forEach(existing -> {
                if (existing.get("name").asString().equals(name)) {
                    same.add(existing);
                }
            });
            if (same.isEmpty()) {
                current.add(item.deepCopy());
            } else {
                apply((ObjectNode) same.get(0), (ObjectNode) item);
            }
        }
    }

    private static boolean named(JsonNode array) {
        if (array.isEmpty()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }
}
