package com.rostersync.tenants;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.AssertTrue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Every problem found in one registry file, each kept with the path of the field it concerns, and written out in the
 * registry's own terms: {@code tenant 'maple': destinations[0].port must be between 1 and 65535}. A problem inside a
 * tenant names the tenant by its id (by its position while it has none), so an operator finds it in the file.
 */
final class RegistryProblems {

    /** How a message attaches to its path. */
    enum Style {
        /** {@code path message}: the value at the path is wrong. */
        VALUE,
        /** {@code path: message}: something about the object at the path. */
        AT,
        /** {@code parent: field is required}. */
        REQUIRED
    }

    private record Problem(List<Object> path, Style style, String message) {}

    private final List<Problem> problems = new ArrayList<>();

    void add(List<Object> path, Style style, String message) {
        problems.add(new Problem(List.copyOf(path), style, message));
    }

    void add(ConstraintViolation<?> violation) {
        List<Object> path = segments(violation.getPropertyPath());
        if (violation.getConstraintDescriptor().getAnnotation() instanceof AssertTrue) {
            // A rule across fields of one object: the method's own name means nothing to an operator.
            add(path.subList(0, Math.max(0, path.size() - 1)), Style.AT, violation.getMessage());
        } else if (RegistryFile.REQUIRED.equals(violation.getMessage())) {
            add(path, Style.REQUIRED, RegistryFile.REQUIRED);
        } else {
            add(path, Style.VALUE, violation.getMessage());
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems as text, in the order found, each once; {@code tenantId} gives the id of the i-th tenant. */
    List<String> render(IntFunction<String> tenantId) {
        Set<String> lines = new LinkedHashSet<>();
        for (Problem problem : problems) {
            lines.add(render(problem, tenantId));
        }
        return List.copyOf(lines);
    }

    private static String render(Problem problem, IntFunction<String> tenantId) {
        List<Object> path = problem.path();
        String where = "";
        if (path.size() >= 2 && "tenants".equals(path.get(0)) && path.get(1) instanceof Integer index) {
            String id = tenantId.apply(index);
            where = id == null || id.isBlank() ? "tenants[" + index + "]" : "tenant '" + id + "'";
            path = path.subList(2, path.size());
        }
        String body =
                switch (problem.style()) {
                    case VALUE ->
                        path.isEmpty() && where.isEmpty()
                                ? "the file " + problem.message()
                                : join(path) + (path.isEmpty() ? "" : " ") + problem.message();
                    case AT -> join(path) + (path.isEmpty() ? "" : ": ") + problem.message();
                    case REQUIRED -> {
                        List<Object> parent = parentOf(path);
                        String field = path.isEmpty() ? "" : String.valueOf(path.get(path.size() - 1));
                        yield join(parent) + (parent.isEmpty() ? "" : ": ") + field + " " + problem.message();
                    }
                };
        if (where.isEmpty()) {
            return body;
        }
        return path.isEmpty() && problem.style() == Style.VALUE ? where + " " + problem.message() : where + ": " + body;
    }

    /** The path without its last field (and the list position that belongs to that field's element). */
    private static List<Object> parentOf(List<Object> path) {
        return path.isEmpty() ? path : path.subList(0, path.size() - 1);
    }

    /** {@code source.jdbc.queries.person}, {@code destinations[0].port}. */
    static String join(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(segment);
            }
        }
        return text.toString();
    }

    /**
     * A Bean Validation path as segments. A list element's position goes before the element's own fields
     * ({@code destinations[0].port}); a constraint on the elements of a list of plain values names the list only
     * ({@code leaders has an entry ...}), and one on a map's values names the key ({@code queries.person}).
     */
    private static List<Object> segments(Path path) {
        List<Object> segments = new ArrayList<>();
        for (Path.Node node : path) {
            boolean containerElement = node.getKind() == ElementKind.CONTAINER_ELEMENT;
            if (node.isInIterable() && node.getKey() != null) {
                segments.add(String.valueOf(node.getKey()));
            } else if (node.isInIterable() && node.getIndex() != null && !containerElement) {
                segments.add(node.getIndex());
            }
            if (!containerElement && node.getName() != null && node.getKind() != ElementKind.BEAN) {
                segments.add(node.getName());
            }
        }
        return segments;
    }
}
