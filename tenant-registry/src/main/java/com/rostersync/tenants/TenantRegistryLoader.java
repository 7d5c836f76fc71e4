package com.rostersync.tenants;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates the tenant registry YAML. Every problem is collected (not just the first) and names the tenant
 * and the field, so an operator fixes the file in one go. Unknown keys are errors too: a typo like
 * {@code deletionTreshold} must not silently fall back to the default.
 */
public final class TenantRegistryLoader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Seed rule: passwords never leave the SIS, so no override query may even select one. */
    private static final Pattern PASSWORD_COLUMN = Pattern.compile("(?i)\\bpass(word|wd)?\\b");

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final List<String> problems = new ArrayList<>();

    private TenantRegistryLoader() {}

    public static TenantRegistry load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException unreadable) {
            throw new InvalidTenantRegistryException(
                    file.toString(),
                    List.of("cannot read the file: " + unreadable.getClass().getSimpleName()));
        }
    }

    public static TenantRegistry parse(String yaml, String sourceName) {
        TenantRegistryLoader loader = new TenantRegistryLoader();
        TenantRegistry registry = loader.read(new StringReader(yaml));
        if (!loader.problems.isEmpty()) {
            throw new InvalidTenantRegistryException(sourceName, loader.problems);
        }
        return registry;
    }

    private TenantRegistry read(Reader yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException notYaml) {
            problems.add("not valid YAML: " + firstLine(notYaml.getMessage()));
            return new TenantRegistry(List.of());
        }
        Map<String, Object> top = map(root, "(file)");
        known(top, "(file)", Set.of("tenants"));
        List<Tenant> tenants = new ArrayList<>();
        Set<String> tenantIds = new HashSet<>();
        Set<String> destinationIds = new HashSet<>();
        List<Object> entries = list(top.get("tenants"), "(file)", "tenants");
        if (entries.isEmpty()) {
            problems.add("tenants: at least one tenant is required");
        }
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = map(entries.get(i), "tenants[" + i + "]");
            String id = string(entry, "tenants[" + i + "]", "id", true);
            String where = id == null ? "tenants[" + i + "]" : "tenant '" + id + "'";
            if (id != null && !tenantIds.add(id)) {
                problems.add(where + ": id is used by another tenant");
            }
            Tenant tenant = tenant(entry, where, id);
            for (DestinationAccount destination : tenant.destinations()) {
                if (destination.id() != null && !destinationIds.add(destination.id())) {
                    problems.add(where + ": destinations id '" + destination.id() + "' is used twice");
                }
            }
            tenants.add(tenant);
        }
        return new TenantRegistry(tenants);
    }

    private Tenant tenant(Map<String, Object> entry, String where, String id) {
        known(
                entry,
                where,
                Set.of(
                        "id",
                        "name",
                        "source",
                        "schoolIds",
                        "deletionThresholdPercent",
                        "syncInterval",
                        "destinations",
                        "leaders",
                        "allowEmpty"));
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(where + ": id must be letters, digits, '.', '_' or '-'");
        }
        String name = string(entry, where, "name", false);
        List<String> schoolIds = strings(entry.get("schoolIds"), where, "schoolIds");
        if (schoolIds.isEmpty()) {
            problems.add(where + ": schoolIds must list at least one school id");
        }
        if (new HashSet<>(schoolIds).size() != schoolIds.size()) {
            problems.add(where + ": schoolIds lists a school twice");
        }
        if (schoolIds.stream().anyMatch(school -> school.contains("/"))) {
            // Message keys join tenant, school, type and record id with '/' (roster-events Keys).
            problems.add(where + ": schoolIds may not contain '/'");
        }
        double threshold = number(entry, where, "deletionThresholdPercent", Tenant.DEFAULT_DELETION_THRESHOLD_PERCENT);
        if (threshold < 0 || threshold > 100) {
            problems.add(where + ": deletionThresholdPercent must be between 0 and 100");
        }
        Duration interval = duration(entry, where, "syncInterval", Tenant.DEFAULT_SYNC_INTERVAL);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(where + ": syncInterval must be at least 1s");
        }
        Source source = source(map(entry.get("source"), where + ": source"), where + ": source");
        List<DestinationAccount> destinations = new ArrayList<>();
        List<Object> destinationEntries = list(entry.get("destinations"), where, "destinations");
        for (int i = 0; i < destinationEntries.size(); i++) {
            destinations.add(destination(
                    map(destinationEntries.get(i), where + ": destinations[" + i + "]"),
                    where + ": destinations[" + i + "]",
                    schoolIds));
        }
        List<String> leaders = strings(entry.get("leaders"), where, "leaders");
        for (String leader : leaders) {
            if (!EMAIL.matcher(leader).matches()) {
                problems.add(where + ": leaders has an entry that is not an e-mail address");
            }
        }
        return new Tenant(
                id,
                name == null ? id : name,
                source,
                schoolIds,
                threshold,
                interval,
                List.copyOf(destinations),
                leaders,
                allowEmpty(entry, where));
    }

    /** OneRoster file names whose emptiness is genuine; a typo must not quietly leave a type unprotected. */
    private Set<String> allowEmpty(Map<String, Object> entry, String where) {
        Set<String> names = new java.util.TreeSet<>();
        for (String name : strings(entry.get("allowEmpty"), where, "allowEmpty")) {
            if ("orgs".equals(name)) {
                problems.add(where + ": allowEmpty may not name orgs (the tenant's schools must be in its source)");
            } else if (!Tenant.ALLOW_EMPTY_NAMES.contains(name)) {
                problems.add(where + ": allowEmpty has unknown file '" + name + "' (allowed: "
                        + String.join(
                                ", ", Tenant.ALLOW_EMPTY_NAMES.stream().sorted().toList()) + ")");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private Source source(Map<String, Object> entry, String where) {
        known(entry, where, Set.of("type", "jdbc", "csvDrop"));
        String typeName = string(entry, where, "type", true);
        SourceType type = null;
        if (typeName != null) {
            try {
                type = SourceType.valueOf(typeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                problems.add(where + ".type must be JDBC or CSV_DROP");
            }
        }
        JdbcSource jdbc = null;
        CsvDropSource csvDrop = null;
        if (type == SourceType.JDBC) {
            Map<String, Object> j = map(entry.get("jdbc"), where + ".jdbc");
            known(j, where + ".jdbc", Set.of("url", "username", "passwordRef", "queries", "timeout", "changeTracking"));
            Map<String, String> queries = new LinkedHashMap<>();
            map(j.getOrDefault("queries", Map.of()), where + ".jdbc.queries")
                    .forEach((k, v) -> queries.put(k, String.valueOf(v)));
            queries.forEach((entity, sql) -> {
                if (!JdbcSource.QUERY_NAMES.contains(entity)) {
                    problems.add(where + ".jdbc.queries: unknown entity '" + entity + "' (allowed: "
                            + String.join(
                                    ", ",
                                    JdbcSource.QUERY_NAMES.stream().sorted().toList()) + ")");
                }
                if (PASSWORD_COLUMN.matcher(sql).find()) {
                    problems.add(where + ".jdbc.queries." + entity + " must not select a password column");
                }
            });
            jdbc = new JdbcSource(
                    string(j, where + ".jdbc", "url", true),
                    string(j, where + ".jdbc", "username", false),
                    secret(j, "passwordRef"),
                    Map.copyOf(queries),
                    duration(j, where + ".jdbc", "timeout", Duration.ofSeconds(30)),
                    changeTracking(j.get("changeTracking"), where + ".jdbc.changeTracking"));
        } else if (type == SourceType.CSV_DROP) {
            String w = where + ".csvDrop";
            Map<String, Object> c = map(entry.get("csvDrop"), w);
            known(
                    c,
                    w,
                    Set.of(
                            "folder",
                            "host",
                            "port",
                            "username",
                            "passwordRef",
                            "privateKeyRef",
                            "knownHosts",
                            "directory",
                            "timeout"));
            String folder = string(c, w, "folder", false);
            String host = string(c, w, "host", false);
            if ((folder == null) == (host == null)) {
                problems.add(w + ": set either folder (a local drop) or host (an SFTP site), not both or neither");
            }
            if (host != null) {
                requireAll(c, w, "username", "knownHosts", "directory");
                requireOneSecret(c, w);
            }
            csvDrop = new CsvDropSource(
                    folder,
                    host,
                    (int) number(c, w, "port", 22),
                    string(c, w, "username", false),
                    secret(c, "passwordRef"),
                    secret(c, "privateKeyRef"),
                    string(c, w, "knownHosts", false),
                    string(c, w, "directory", false),
                    duration(c, w, "timeout", Duration.ofSeconds(30)));
        }
        return new Source(type, jdbc, csvDrop);
    }

    private ChangeTracking changeTracking(Object value, String where) {
        if (value == null) {
            return null;
        }
        Map<String, Object> c = map(value, where);
        known(c, where, Set.of("column", "overlap", "fullReadEvery", "clockQuery"));
        String column = string(c, where, "column", false);
        if (column == null) {
            column = ChangeTracking.DEFAULT_COLUMN;
        } else if (!SQL_NAME.matcher(column).matches()) {
            // The name goes into SQL text, so only a plain column name is accepted.
            problems.add(where + ".column must be a plain column name (letters, digits, _)");
        }
        Duration overlap = duration(c, where, "overlap", ChangeTracking.DEFAULT_OVERLAP);
        Duration fullReadEvery = duration(c, where, "fullReadEvery", ChangeTracking.DEFAULT_FULL_READ_EVERY);
        if (overlap.isNegative()) {
            problems.add(where + ".overlap must not be negative");
        }
        if (fullReadEvery.isNegative() || fullReadEvery.isZero()) {
            problems.add(where + ".fullReadEvery must be positive");
        }
        String clockQuery = string(c, where, "clockQuery", false);
        if (clockQuery == null) {
            clockQuery = ChangeTracking.DEFAULT_CLOCK_QUERY;
        } else if (!clockQuery.strip().toLowerCase(Locale.ROOT).startsWith("select ")) {
            problems.add(where + ".clockQuery must be one select returning the database's current time");
        }
        return new ChangeTracking(column, overlap, fullReadEvery, clockQuery);
    }

    private DestinationAccount destination(Map<String, Object> entry, String where, List<String> tenantSchools) {
        known(
                entry,
                where,
                Set.of(
                        "id",
                        "host",
                        "port",
                        "username",
                        "passwordRef",
                        "privateKeyRef",
                        "privateKeyPassphraseRef",
                        "knownHosts",
                        "directory",
                        "schoolIds",
                        "minInterval",
                        "extensionColumns"));
        requireAll(entry, where, "id", "host", "username", "knownHosts");
        requireOneSecret(entry, where);
        int port = (int) number(entry, where, "port", 22);
        if (port < 1 || port > 65535) {
            problems.add(where + ".port must be between 1 and 65535");
        }
        String username = string(entry, where, "username", false);
        String directory = string(entry, where, "directory", false);
        List<String> schools =
                entry.containsKey("schoolIds") ? strings(entry.get("schoolIds"), where, "schoolIds") : tenantSchools;
        for (String school : schools) {
            if (!tenantSchools.contains(school)) {
                problems.add(where + ".schoolIds: school '" + school + "' is not in the tenant's schoolIds");
            }
        }
        return new DestinationAccount(
                string(entry, where, "id", false),
                string(entry, where, "host", false),
                port,
                username,
                secret(entry, "passwordRef"),
                secret(entry, "privateKeyRef"),
                secret(entry, "privateKeyPassphraseRef"),
                string(entry, where, "knownHosts", false),
                directory != null ? directory : DestinationAccount.defaultDirectory(username),
                List.copyOf(schools),
                duration(entry, where, "minInterval", Duration.ZERO),
                extensionColumns(entry, where));
    }

    private DestinationAccount.ExtensionColumns extensionColumns(Map<String, Object> entry, String where) {
        String value = string(entry, where, "extensionColumns", false);
        if (value == null) {
            return DestinationAccount.ExtensionColumns.DROP;
        }
        try {
            return DestinationAccount.ExtensionColumns.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problems.add(where + ".extensionColumns must be keep or drop");
            return DestinationAccount.ExtensionColumns.DROP;
        }
    }

    private void requireOneSecret(Map<String, Object> entry, String where) {
        if (entry.containsKey("passwordRef") == entry.containsKey("privateKeyRef")) {
            problems.add(where + ": set exactly one of passwordRef and privateKeyRef");
        }
    }

    private void requireAll(Map<String, Object> entry, String where, String... keys) {
        for (String key : keys) {
            string(entry, where, key, true);
        }
    }

    private void known(Map<String, Object> entry, String where, Set<String> allowed) {
        for (String key : entry.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(where + ": unknown field '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static SecretRef secret(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        return value == null ? null : new SecretRef(String.valueOf(value));
    }

    private String string(Map<String, Object> entry, String where, String key, boolean required) {
        Object value = entry.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            if (required) {
                problems.add(where + ": " + key + " is required");
            }
            return null;
        }
        return String.valueOf(value).strip();
    }

    private double number(Map<String, Object> entry, String where, String key, double fallback) {
        Object value = entry.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).replace("%", "").strip());
        } catch (NumberFormatException notANumber) {
            problems.add(where + ": " + key + " must be a number");
            return fallback;
        }
    }

    private Duration duration(Map<String, Object> entry, String where, String key, Duration fallback) {
        Object value = entry.get(key);
        if (value == null) {
            return fallback;
        }
        String text = String.valueOf(value).strip();
        var shortForm = SHORT_DURATION.matcher(text);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            problems.add(where + ": " + key + " must be a duration like 30s, 5m or PT1H");
            return fallback;
        }
    }

    private List<String> strings(Object value, String where, String key) {
        return list(value, where, key).stream()
                .map(String::valueOf)
                .map(String::strip)
                .toList();
    }

    private List<Object> list(Object value, String where, String key) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        problems.add(where + ": " + key + " must be a list");
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String where) {
        if (value == null) {
            problems.add(where + " is required");
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        problems.add(where + " must be a mapping of fields");
        return Map.of();
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
