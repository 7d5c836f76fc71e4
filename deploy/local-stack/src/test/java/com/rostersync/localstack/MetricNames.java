package com.rostersync.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Metric names in a Prometheus scrape, and the metric names that PromQL expressions in Grafana dashboards
 * ({@code "expr"} fields) and Prometheus rule files ({@code expr:} lines) query. Label names, label values, functions,
 * Grafana variables and names of recording rules are left out.
 */
final class MetricNames {

    private static final Pattern SCRAPE_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final Pattern JSON_EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern YAML_EXPR = Pattern.compile("^\\s*-?\\s*expr:\\s*[|>]?-?\\s*(.*)$");
    private static final Pattern YAML_RECORD = Pattern.compile("^\\s*-?\\s*record:\\s*(\\S+)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> NOT_METRICS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "and",
            "or",
            "unless",
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "rate",
            "irate",
            "increase",
            "delta",
            "idelta",
            "deriv",
            "histogram_quantile",
            "label_replace",
            "label_join",
            "abs",
            "absent",
            "absent_over_time",
            "ceil",
            "floor",
            "round",
            "clamp",
            "clamp_min",
            "clamp_max",
            "changes",
            "resets",
            "time",
            "timestamp",
            "vector",
            "scalar",
            "sort",
            "sort_desc",
            "avg_over_time",
            "min_over_time",
            "max_over_time",
            "sum_over_time",
            "count_over_time",
            "last_over_time",
            "present_over_time",
            "quantile_over_time",
            "predict_linear",
            "day_of_week",
            "hour",
            "minute",
            "month",
            "year",
            "ln",
            "log2",
            "log10",
            "exp",
            "sqrt",
            "group",
            "inf",
            "nan",
            "up",
            "ALERTS",
            "ALERTS_FOR_STATE");

    private MetricNames() {}

    static Set<String> inScrape(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            Matcher m = SCRAPE_LINE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Metric names queried by every dashboard under {@code deploy/grafana} and rule file under {@code deploy/prometheus}. */
    static Set<String> queriedIn(Path deploy) {
        Set<String> expressions = new HashSet<>();
        Set<String> recorded = new HashSet<>();
        for (Path file : files(deploy.resolve("grafana"), ".json")) {
            Matcher m = JSON_EXPR.matcher(read(file));
            while (m.find()) {
                expressions.add(m.group(1).replace("\\\"", "\"").replace("\\n", " "));
            }
        }
        for (Path file : files(deploy.resolve("prometheus"), ".yml")) {
            if (file.getFileName().toString().contains("test")) {
                continue;
            }
            String[] lines = read(file).split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher record = YAML_RECORD.matcher(lines[i]);
                if (record.find()) {
                    recorded.add(record.group(1));
                }
                Matcher expr = YAML_EXPR.matcher(lines[i]);
                if (expr.find()) {
                    StringBuilder text = new StringBuilder(expr.group(1));
                    int indent = indent(lines[i]);
                    while (i + 1 < lines.length && (lines[i + 1].isBlank() || indent(lines[i + 1]) > indent)) {
                        text.append(' ').append(lines[++i].strip());
                    }
                    expressions.add(text.toString());
                }
            }
        }
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            names.addAll(inExpression(expression));
        }
        names.removeAll(recorded);
        return names;
    }

    static Set<String> inExpression(String expression) {
        String stripped = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?[smhdwy]?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String token = m.group();
            int next = m.end();
            while (next < stripped.length() && stripped.charAt(next) == ' ') {
                next++;
            }
            boolean isFunction = next < stripped.length() && stripped.charAt(next) == '(';
            if (!isFunction && !NOT_METRICS.contains(token)) {
                names.add(token);
            }
        }
        return names;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static Iterable<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
