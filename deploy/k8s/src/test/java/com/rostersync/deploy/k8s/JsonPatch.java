package com.rostersync.deploy.k8s;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code add}, {@code replace} and {@code remove} operations of JSON Patch (RFC 6902), as Kustomize applies them. */
final class JsonPatch {

    private JsonPatch() {}

    static void apply(ObjectNode document, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asString("");
            String path = operation.path("path").asString("");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("JSON patch path must start with '/': " + operation);
            }
            String[] tokens = path.substring(1).split("/", -1);
            JsonNode parent = document;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = child(parent, unescape(tokens[i]), operation);
            }
            String last = unescape(tokens[tokens.length - 1]);
            switch (op) {
                case "add" -> add(parent, last, operation.get("value").deepCopy(), operation);
                case "replace" -> {
                    child(parent, last, operation);
                    set(parent, last, operation.get("value").deepCopy());
                }
                case "remove" -> {
                    child(parent, last, operation);
                    if (parent.isArray()) {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported JSON patch operation: " + operation);
            }
        }
    }

    private static void add(JsonNode parent, String key, JsonNode value, JsonNode operation) {
        if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (key.equals("-")) {
                array.add(value);
            } else {
                array.insert(index(array, key, operation, true), value);
            }
        } else if (parent.isObject()) {
            ((ObjectNode) parent).set(key, value);
        } else {
            throw new IllegalArgumentException("JSON patch target is not a container: " + operation);
        }
    }

    private static void set(JsonNode parent, String key, JsonNode value) {
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(key), value);
        } else {
            ((ObjectNode) parent).set(key, value);
        }
    }

    private static JsonNode child(JsonNode parent, String key, JsonNode operation) {
        JsonNode child =
                parent.isArray() ? parent.get(index((ArrayNode) parent, key, operation, false)) : parent.get(key);
        if (child == null) {
            throw new IllegalArgumentException("JSON patch path does not exist: " + operation);
        }
        return child;
    }

    private static int index(ArrayNode array, String key, JsonNode operation, boolean forInsert) {
        try {
            int index = Integer.parseInt(key);
            if (index < 0 || index > array.size() || (!forInsert && index == array.size())) {
                throw new IllegalArgumentException("JSON patch index out of range: " + operation);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JSON patch index is not a number: " + operation, e);
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
