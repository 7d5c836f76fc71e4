package com.rostersync.monitor.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which metric names the Grafana dashboards and Prometheus rules query, and which of them a real
 * {@code /actuator/prometheus} scrape lacks. Reusable by any module's test (the end-to-end test checks the other
 * services' names with it); deploy/grafana/README.md shows how to call it. PromQL is not fully parsed: strings, label
 * matchers, ranges, grouping clauses and Grafana variables are removed, then every identifier not followed by "(" and
 * not a keyword is a metric name. That is exact for the expressions we write (functions, aggregations, binary ops).
 */
public final class MetricNameChecker {

    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern TOKENS =
            Pattern.compile("\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[a-zA-Z]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\(\\s*(?:(.*?)\\s*,\\s*)?\\w+\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$");
    private static final Set<String> KEYWORDS = Set.of(
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
            "inf",
            "nan",
            "atan2",
            "start",
            "end");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MetricNameChecker() {}

    /** Metric names in one PromQL expression. */
    public static Set<String> inExpression(String promql) {
        String text = STRINGS.matcher(promql).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGES.matcher(text).replaceAll(" ");
        text = VARIABLES.matcher(text).replaceAll(" ");
        String before;
        do {
            before = text;
            text = GROUPING.matcher(text).replaceAll(" ");
        } while (!text.equals(before));
        Set<String> names = new TreeSet<>();
        Matcher token = TOKENS.matcher(text);
        while (token.find()) {
            String identifier = token.group(1);
            boolean call = token.group(2) != null;
            if (identifier != null && !call && !KEYWORDS.contains(identifier.toLowerCase())) {
                names.add(identifier);
            }
        }
        return names;
    }

    /** Metric names in a Grafana variable query ({@code label_values(expr, label)}, {@code query_result(expr)}). */
    public static Set<String> inVariableQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            return labelValues.group(1) == null ? Set.of() : inExpression(labelValues.group(1));
        }
        Matcher queryResult = QUERY_RESULT.matcher(query);
        if (queryResult.matches()) {
            return inExpression(queryResult.group(1));
        }
        return Set.of();
    }

    /** Metric names of every panel target ({@code expr}) and every query variable of a dashboard JSON file. */
    public static Set<String> inDashboard(Path dashboardJson) {
        JsonNode root = JSON.readTree(read(dashboardJson));
        Set<String> names = new TreeSet<>();
        for (String expr : expressions(root)) {
            names.addAll(inExpression(expr));
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString(""))) {
                JsonNode query = variable.path("query");
                names.addAll(
                        inVariableQuery(query.isObject() ? query.path("query").asString("") : query.asString("")));
            }
        }
        return names;
    }

    /** Every panel-target expression of a dashboard (for tests that need them one by one). */
    public static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        collect(dashboard, expressions);
        return expressions;
    }

    /** Metric names queried by a Prometheus rules file, without the names it records itself. */
    public static Set<String> inRules(Path rulesYaml) {
        Set<String> names = new TreeSet<>();
        Set<String> recorded = new LinkedHashSet<>();
        for (Map<String, Object> rule : rules(rulesYaml)) {
            names.addAll(inExpression(String.valueOf(rule.get("expr"))));
            if (rule.get("record") != null) {
                recorded.add(String.valueOf(rule.get("record")));
            }
        }
        names.removeAll(recorded);
        return names;
    }

    /** Names of the samples in a Prometheus text exposition (e.g. {@code foo_total}, {@code bar_seconds_bucket}). */
    public static Set<String> exportedBy(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        });
        return names;
    }

    /**
     * Names with a series only while something is the case: one series per held school, none when no school is held
     * ({@code DashboardMetricsScrapeTest} finds it in a real scrape while a hold is open).
     */
    public static final Set<String> PRESENT_ONLY_WHILE_HELD = Set.of("rostersync_holds_awaiting_approval_age_seconds");

    /**
     * The used names a scrape lacks; {@code up} is Prometheus's own and always counts as present, and so do the
     * names of {@link #PRESENT_ONLY_WHILE_HELD}.
     */
    public static Set<String> missing(Set<String> used, Set<String> exported) {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        missing.remove("up");
        missing.removeAll(PRESENT_ONLY_WHILE_HELD);
        return missing;
    }

    /** The repository's {@code deploy} folder, found from the working directory (a module or the root). */
    public static Path deployDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/grafana/dashboards"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException(
                "No deploy/grafana/dashboards above " + Path.of("").toAbsolutePath());
    }

    /** Every dashboard JSON file under {@code deploy/grafana/dashboards}. */
    public static List<Path> dashboards() {
        return list(deployDir().resolve("grafana/dashboards"), ".json");
    }

    /** Every rules file under {@code deploy/prometheus/rules}. */
    public static List<Path> ruleFiles() {
        return list(deployDir().resolve("prometheus/rules"), ".yml");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Path rulesYaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(rulesYaml));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) root.getOrDefault("groups", List.of())) {
            rules.addAll((List<Map<String, Object>>) group.getOrDefault("rules", List.of()));
        }
        return rules;
    }

    private static void collect(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isString()) {
                expressions.add(expr.asString());
            }
            node.values().forEach(child -> collect(child, expressions));
        } else if (node.isArray()) {
            node.values().forEach(child -> collect(child, expressions));
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
