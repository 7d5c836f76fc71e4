package com.rostersync.tenants;

import com.rostersync.tenants.RegistryFile.ChangeTrackingEntry;
import com.rostersync.tenants.RegistryFile.CsvDropEntry;
import com.rostersync.tenants.RegistryFile.DestinationEntry;
import com.rostersync.tenants.RegistryFile.JdbcEntry;
import com.rostersync.tenants.RegistryFile.PauseEntry;
import com.rostersync.tenants.RegistryFile.SourceEntry;
import com.rostersync.tenants.RegistryFile.TenantEntry;
import com.rostersync.tenants.RegistryFile.ThresholdsEntry;
import com.rostersync.tenants.RegistryProblems.Style;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the tenant registry YAML with Jackson into {@link RegistryFile} and checks it with Bean Validation, then
 * checks what spans fields (ids unique across tenants, a destination's schools among its tenant's). Every problem is
 * collected (not just the first) and names the tenant and the field, so an operator fixes the file in one go. Unknown
 * keys are errors too: a typo like {@code deletionTreshold} must not silently fall back to the default.
 */
public final class TenantRegistryLoader {

    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_SSH_PORT = 22;

    private static final ObjectReader READER = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .addModule(new SimpleModule("registry-durations").addDeserializer(Duration.class, new RegistryDurations()))
            .build()
            .readerFor(RegistryFile.class);

    private static final ValidatorFactory VALIDATION = Validation.byProvider(HibernateValidator.class)
            .configure()
            // No expression language: messages are fixed text, and values from the file are never evaluated.
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

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
        RegistryProblems problems = new RegistryProblems();
        RegistryFile file = read(yaml, problems);
        List<TenantEntry> entries = file == null || file.tenants() == null ? List.of() : file.tenants();
        if (file == null && problems.isEmpty()) {
            problems.add(List.of("tenants"), Style.VALUE, "must list at least one tenant");
        } else if (file != null) {
            Validator validator = VALIDATION.getValidator();
            validator.validate(file).forEach(problems::add);
            crossCheck(entries, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTenantRegistryException(sourceName, problems.render(index -> idOf(entries, index)));
        }
        return new TenantRegistry(
                entries.stream().map(TenantRegistryLoader::tenant).toList());
    }

    private static RegistryFile read(String yaml, RegistryProblems problems) {
        if (yaml.isBlank()) {
            return null;
        }
        try {
            return READER.withHandler(new RegistryReadProblems(problems)).readValue(yaml);
        } catch (StreamReadException notYaml) {
            problems.add(List.of(), Style.AT, "not valid YAML: " + firstLine(notYaml.getOriginalMessage()));
        } catch (JacksonException unreadable) {
            problems.add(List.of(), Style.AT, "cannot be read: " + firstLine(unreadable.getOriginalMessage()));
        }
        return null;
    }

    /** What one field's constraints cannot see: ids unique across the file, and references between fields. */
    private static void crossCheck(List<TenantEntry> entries, RegistryProblems problems) {
        Set<String> tenantIds = new HashSet<>();
        Set<String> destinationIds = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            TenantEntry entry = entries.get(i);
            if (entry == null) {
                problems.add(List.of("tenants", i), Style.AT, "an empty entry; remove it or fill it in");
                continue;
            }
            if (entry.id() != null && !tenantIds.add(entry.id().strip())) {
                problems.add(List.of("tenants", i, "id"), Style.VALUE, "is used by another tenant");
            }
            List<String> schools = strip(entry.schoolIds());
            List<DestinationEntry> destinations = entry.destinations() == null ? List.of() : entry.destinations();
            for (int d = 0; d < destinations.size(); d++) {
                DestinationEntry destination = destinations.get(d);
                if (destination == null) {
                    continue;
                }
                if (destination.id() != null
                        && !destinationIds.add(destination.id().strip())) {
                    problems.add(
                            List.of("tenants", i),
                            Style.AT,
                            "destinations id '" + destination.id().strip() + "' is used twice");
                }
                for (String school : strip(destination.schoolIds())) {
                    if (!schools.contains(school)) {
                        problems.add(
                                List.of("tenants", i, "destinations", d, "schoolIds"),
                                Style.AT,
                                "school '" + school + "' is not in the tenant's schoolIds");
                    }
                }
            }
            allowEmptyNames(entry, i, problems);
            queryNames(entry, i, problems);
            controls(entry, i, problems);
        }
    }

    /** What the field constraints cannot see of the controls: the zone id, the dates, overrides of known schools. */
    private static void controls(TenantEntry entry, int i, RegistryProblems problems) {
        if (!RegistryFile.isBlank(entry.timeZone()) && zone(entry.timeZone()) == null) {
            problems.add(
                    List.of("tenants", i, "timeZone"),
                    Style.VALUE,
                    "must be an IANA time zone id like America/Chicago or UTC");
        }
        if (entry.schoolThresholds() != null) {
            List<String> schools = strip(entry.schoolIds());
            for (String school : entry.schoolThresholds().keySet()) {
                if (!schools.contains(school.strip())) {
                    problems.add(
                            List.of("tenants", i, "schoolThresholds"),
                            Style.AT,
                            "school '" + school + "' is not in the tenant's schoolIds");
                }
            }
        }
        List<PauseEntry> pauses = entry.pauses() == null ? List.of() : entry.pauses();
        for (int p = 0; p < pauses.size(); p++) {
            PauseEntry pause = pauses.get(p);
            if (pause == null) {
                problems.add(List.of("tenants", i, "pauses", p), Style.AT, "an empty entry; remove it or fill it in");
                continue;
            }
            dateField(pause.date(), List.of("tenants", i, "pauses", p, "date"), problems);
            LocalDate from = dateField(pause.from(), List.of("tenants", i, "pauses", p, "from"), problems);
            LocalDate to = dateField(pause.to(), List.of("tenants", i, "pauses", p, "to"), problems);
            if (from != null && to != null && to.isBefore(from)) {
                problems.add(List.of("tenants", i, "pauses", p, "to"), Style.VALUE, "must not be before from");
            }
            if (pause.everyYear() != null) {
                dayField(pause.everyYear().from(), List.of("tenants", i, "pauses", p, "everyYear", "from"), problems);
                dayField(pause.everyYear().to(), List.of("tenants", i, "pauses", p, "everyYear", "to"), problems);
            }
        }
    }

    private static LocalDate dateField(String text, List<Object> path, RegistryProblems problems) {
        if (RegistryFile.isBlank(text)) {
            return null;
        }
        LocalDate date = date(text);
        if (date == null) {
            problems.add(path, Style.VALUE, "must be a date like 2026-12-24");
        }
        return date;
    }

    private static void dayField(String text, List<Object> path, RegistryProblems problems) {
        if (!RegistryFile.isBlank(text) && monthDay(text) == null) {
            problems.add(path, Style.VALUE, "must be a month and day like 06-20");
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException notAZone) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static MonthDay monthDay(String text) {
        try {
            return MonthDay.parse("--" + text.strip());
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    /** OneRoster file names whose emptiness is genuine; a typo must not quietly leave a type unprotected. */
    private static void allowEmptyNames(TenantEntry entry, int i, RegistryProblems problems) {
        for (String name : strip(entry.allowEmpty())) {
            if ("orgs".equals(name)) {
                problems.add(
                        List.of("tenants", i, "allowEmpty"),
                        Style.VALUE,
                        "may not name orgs (the tenant's schools must be in its source)");
            } else if (!Tenant.ALLOW_EMPTY_NAMES.contains(name)) {
                problems.add(
                        List.of("tenants", i, "allowEmpty"),
                        Style.VALUE,
                        "has unknown file '" + name + "' (allowed: " + sorted(Tenant.ALLOW_EMPTY_NAMES) + ")");
            }
        }
    }

    private static void queryNames(TenantEntry entry, int i, RegistryProblems problems) {
        if (entry.source() == null
                || entry.source().jdbc() == null
                || entry.source().jdbc().queries() == null) {
            return;
        }
        for (String entity : entry.source().jdbc().queries().keySet()) {
            if (!JdbcSource.QUERY_NAMES.contains(entity)) {
                problems.add(
                        List.of("tenants", i, "source", "jdbc", "queries"),
                        Style.AT,
                        "unknown entity '" + entity + "' (allowed: " + sorted(JdbcSource.QUERY_NAMES) + ")");
            }
        }
    }

    private static Tenant tenant(TenantEntry entry) {
        String id = entry.id().strip();
        List<String> schoolIds = strip(entry.schoolIds());
        Thresholds thresholds = thresholds(
                entry.thresholds(),
                Thresholds.archiving(
                        entry.deletionThresholdPercent() == null
                                ? Tenant.DEFAULT_DELETION_THRESHOLD_PERCENT
                                : entry.deletionThresholdPercent()));
        Map<String, Thresholds> perSchool = new TreeMap<>();
        if (entry.schoolThresholds() != null) {
            entry.schoolThresholds()
                    .forEach((school, own) -> perSchool.put(school.strip(), thresholds(own, thresholds)));
        }
        TenantControls controls = new TenantControls(
                thresholds,
                perSchool,
                new Pauses(
                        RegistryFile.isBlank(entry.timeZone()) ? ZoneId.of("UTC") : zone(entry.timeZone()),
                        entry.pauses() == null
                                ? List.of()
                                : entry.pauses().stream()
                                        .map(TenantRegistryLoader::pause)
                                        .toList()),
                // A tenant that does not say is reviewed before its first upload.
                RegistryFile.isBlank(entry.mode()) ? Mode.DRY_RUN : Mode.fromRegistry(entry.mode()));
        return new Tenant(
                id,
                RegistryFile.isBlank(entry.name()) ? id : entry.name().strip(),
                source(entry.source()),
                schoolIds,
                thresholds.archivePercent(),
                or(entry.syncInterval(), Tenant.DEFAULT_SYNC_INTERVAL),
                entry.destinations() == null
                        ? List.of()
                        : entry.destinations().stream()
                                .map(d -> destination(d, schoolIds))
                                .toList(),
                strip(entry.leaders()),
                new TreeSet<>(strip(entry.allowEmpty())),
                controls);
    }

    /** {@code own} over {@code base}, field by field: a school override names only what differs. */
    private static Thresholds thresholds(ThresholdsEntry own, Thresholds base) {
        if (own == null) {
            return base;
        }
        return new Thresholds(
                or(own.archivePercent(), base.archivePercent()),
                or(own.updatePercent(), base.updatePercent()),
                or(own.createPercent(), base.createPercent()));
    }

    private static PauseWindow pause(PauseEntry entry) {
        if (entry.everyYear() != null) {
            return PauseWindow.everyYear(
                    monthDay(entry.everyYear().from()),
                    monthDay(entry.everyYear().to()));
        }
        if (!RegistryFile.isBlank(entry.date())) {
            return PauseWindow.once(date(entry.date()), date(entry.date()));
        }
        return PauseWindow.once(date(entry.from()), date(entry.to()));
    }

    private static Source source(SourceEntry entry) {
        if (entry.type() == SourceType.JDBC) {
            return new Source(SourceType.JDBC, jdbc(entry.jdbc()), null);
        }
        return new Source(SourceType.CSV_DROP, null, csvDrop(entry.csvDrop()));
    }

    private static JdbcSource jdbc(JdbcEntry entry) {
        return new JdbcSource(
                entry.url().strip(),
                text(entry.username()),
                secret(entry.passwordRef()),
                entry.queries() == null ? Map.of() : Map.copyOf(entry.queries()),
                or(entry.timeout(), DEFAULT_CALL_TIMEOUT),
                changeTracking(entry.changeTracking()));
    }

    private static ChangeTracking changeTracking(ChangeTrackingEntry entry) {
        if (entry == null) {
            return null;
        }
        return new ChangeTracking(
                RegistryFile.isBlank(entry.column())
                        ? ChangeTracking.DEFAULT_COLUMN
                        : entry.column().strip(),
                or(entry.overlap(), ChangeTracking.DEFAULT_OVERLAP),
                or(entry.fullReadEvery(), ChangeTracking.DEFAULT_FULL_READ_EVERY),
                RegistryFile.isBlank(entry.clockQuery())
                        ? ChangeTracking.DEFAULT_CLOCK_QUERY
                        : entry.clockQuery().strip());
    }

    private static CsvDropSource csvDrop(CsvDropEntry entry) {
        return new CsvDropSource(
                text(entry.folder()),
                text(entry.host()),
                entry.port() == null ? DEFAULT_SSH_PORT : entry.port(),
                text(entry.username()),
                secret(entry.passwordRef()),
                secret(entry.privateKeyRef()),
                text(entry.knownHosts()),
                text(entry.directory()),
                or(entry.timeout(), DEFAULT_CALL_TIMEOUT));
    }

    private static DestinationAccount destination(DestinationEntry entry, List<String> tenantSchools) {
        String username = entry.username().strip();
        return new DestinationAccount(
                entry.id().strip(),
                entry.host().strip(),
                entry.port() == null ? DEFAULT_SSH_PORT : entry.port(),
                username,
                secret(entry.passwordRef()),
                secret(entry.privateKeyRef()),
                secret(entry.privateKeyPassphraseRef()),
                entry.knownHosts().strip(),
                RegistryFile.isBlank(entry.directory())
                        ? DestinationAccount.defaultDirectory(username)
                        : entry.directory().strip(),
                entry.schoolIds() == null ? tenantSchools : strip(entry.schoolIds()),
                or(entry.minInterval(), Duration.ZERO),
                entry.extensionColumns() == null ? DestinationAccount.ExtensionColumns.DROP : entry.extensionColumns(),
                entry.allowedSchoolIds() == null ? null : strip(entry.allowedSchoolIds()));
    }

    private static String idOf(List<TenantEntry> entries, int index) {
        return index < entries.size() && entries.get(index) != null
                ? entries.get(index).id()
                : null;
    }

    private static SecretRef secret(String name) {
        return RegistryFile.isBlank(name) ? null : new SecretRef(name.strip());
    }

    private static String text(String value) {
        return RegistryFile.isBlank(value) ? null : value.strip();
    }

    private static List<String> strip(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> stripped = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                stripped.add(value.strip());
            }
        }
        return List.copyOf(stripped);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
