package com.rostersync.monitor.mail;

import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.ThresholdBreach;
import com.rostersync.events.run.ChangeAction;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentDetails;
import com.rostersync.monitor.incident.MailKind;
import com.rostersync.tenants.Tenant;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders incident e-mails from the templates in {@code templates/mail/}: what happened, where, the counts, what to
 * do (IncidentAdvice) and, for a deletion hold, the approval link. Only ids, counts, file names and lines go in; the
 * incident carries no personal data and no secrets, so neither can the mail.
 */
final class IncidentMailComposer {

    static final String NOTHING_ARCHIVED =
            "Nothing was archived: new and updated records kept flowing, and every archive of this school waits"
                    + " until the hold is approved.";
    private static final int EXAMPLE_ID_CHANGES = 5;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SpringTemplateEngine templates;
    private final URI publicBaseUrl;

    public IncidentMailComposer(URI publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.templates = new SpringTemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    public IncidentMail compose(MailKind kind, Incident incident, Tenant tenant) {
        Context context = new Context(Locale.ROOT);
        String district = tenant.name() == null ? tenant.id() : tenant.name();
        String where = where(incident);
        String title = IncidentAdvice.title(incident.reason());
        String subject =
                switch (kind) {
                    case OPENED -> "[Roster sync] Action needed: " + title + " (" + where + ", " + district + ")";
                    case REMINDER ->
                        "[Roster sync] Reminder, still open: " + title + " (" + where + ", " + district + ")";
                    case RESOLVED -> "[Roster sync] Resolved: " + title + " (" + where + ", " + district + ")";
                };
        context.setVariable("kind", kind.tag());
        context.setVariable("subject", subject);
        context.setVariable("title", title);
        context.setVariable("district", district);
        context.setVariable("tenantId", tenant.id());
        context.setVariable("where", where);
        context.setVariable("openedAt", WHEN.format(incident.openedAt()));
        context.setVariable("resolvedAt", incident.resolvedAt() == null ? null : WHEN.format(incident.resolvedAt()));
        context.setVariable("meaning", IncidentAdvice.meaning(incident.reason()));
        context.setVariable("facts", facts(incident));
        context.setVariable("whatToDo", IncidentAdvice.whatToDo(incident.reason()));
        context.setVariable("approveUrl", kind != MailKind.RESOLVED ? approveUrl(incident) : null);
        context.setVariable("approveLabel", approveLabel(incident.reason()));
        context.setVariable("approveNote", approveNote(incident.reason()));
        context.setVariable("incidentId", incident.id());
        return new IncidentMail(
                tenant.leaders(),
                subject,
                templates.process("incident.txt", context),
                templates.process("incident.html", context));
    }

    private static String approveLabel(OutcomeReason reason) {
        return switch (reason) {
            case ID_CHURN -> "Review and approve the held id changes";
            case UPDATE_THRESHOLD -> "Review and approve the held updates";
            case CREATE_THRESHOLD -> "Review and approve the held new records";
            default -> "Review and approve the held deletions";
        };
    }

    private static String approveNote(OutcomeReason reason) {
        return switch (reason) {
            case ID_CHURN -> "approving archives the old ids and creates the new ones in the same sync";
            case UPDATE_THRESHOLD -> "approving lets the next sync send these updates";
            case CREATE_THRESHOLD -> "approving lets the next sync create these records";
            default -> "approving lets the next sync archive these records";
        };
    }

    /** The hold's page in the approval API, for a hold of one school (any hold reason); null otherwise. */
    String approveUrl(Incident incident) {
        if (!incident.reason().isHold()
                || incident.unit().stage() != Stage.MAP
                || incident.unit().scope() == null) {
            return null;
        }
        String base = publicBaseUrl.toString().replaceAll("/+$", "");
        return base + "/api/holds/" + encode(incident.tenantId()) + "/"
                + encode(incident.unit().scope());
    }

    static String where(Incident incident) {
        return switch (incident.unit().stage()) {
            case MAP -> "school " + incident.unit().scope();
            case PUBLISH -> "destination " + incident.unit().scope();
            case EXTRACT, MONITOR, UNKNOWN -> "the whole district";
        };
    }

    /** The counts and ids of the incident, one line each. */
    static List<String> facts(Incident incident) {
        IncidentDetails details = incident.details();
        List<String> facts = new ArrayList<>();
        if (details == null) {
            return facts;
        }
        switch (incident.reason()) {
            case THRESHOLD -> {
                facts.addAll(held(details.thresholdBreaches()));
                facts.add(NOTHING_ARCHIVED);
            }
            case ID_CHURN -> {
                facts.add(String.format(
                        Locale.ROOT,
                        "%,d %s changed id: the student information system sent them under new ids, matching records"
                                + " we already sync.",
                        details.idChangeCount(),
                        details.idChangeCount() == 1 ? "record" : "records"));
                List<IdChange> examples =
                        details.idChanges().stream().limit(EXAMPLE_ID_CHANGES).toList();
                if (!examples.isEmpty()) {
                    facts.add("For example (old id \u2192 new id): "
                            + String.join(
                                    "; ",
                                    examples.stream()
                                            .map(IncidentMailComposer::idChange)
                                            .toList())
                            + (details.idChangeCount() > examples.size() ? "; ..." : "") + ".");
                }
                facts.addAll(held(details.thresholdBreaches()));
                facts.add("Nothing was archived and the new ids were not uploaded, so no one appears twice; new and"
                        + " updated records of other people kept flowing.");
            }
            case UPDATE_THRESHOLD, CREATE_THRESHOLD -> {
                facts.addAll(held(details.thresholdBreaches()));
                facts.add(
                        incident.reason() == OutcomeReason.UPDATE_THRESHOLD
                                ? "Nothing was updated: the records stay as last sent; archives and new records kept"
                                        + " flowing."
                                : "No new record was sent; updates and archives kept flowing.");
            }
            case DESTINATION_GUARD -> {
                facts.add("Destination: " + incident.unit().scope());
                if (details.message() != null && !details.message().isBlank()) {
                    facts.add(details.message());
                }
            }
            case SOURCE_CREDENTIALS, DESTINATION_CREDENTIALS -> {
                if (details.login() != null) {
                    facts.add("Login refused: " + details.login()
                            + (incident.reason() == OutcomeReason.DESTINATION_CREDENTIALS
                                    ? " (SFTP username @ host)"
                                    : " (user @ host)"));
                }
                if (details.message() != null && !details.message().isBlank()) {
                    facts.add(details.message());
                }
            }
            case SCHOOLS_NOT_FOUND ->
                facts.add("School IDs not found in the data from your student information " + "system: "
                        + String.join(", ", details.missingSchoolIds()));
            case FILE_FAILED -> {
                for (FileFailure failure : details.fileFailures()) {
                    StringBuilder line = new StringBuilder("File ").append(failure.file());
                    if (failure.line() > 0) {
                        line.append(", line ").append(failure.line());
                    }
                    if (failure.field() != null) {
                        line.append(", field ").append(failure.field());
                    }
                    facts.add(line.append(": ").append(failure.reason()).toString());
                }
            }
            case VALIDATION -> {
                for (IncidentDetails.ValidationSummary file : details.validation()) {
                    facts.add(String.format(
                            Locale.ROOT,
                            "%s: %d record(s) left out%s%s",
                            file.file(),
                            file.issues(),
                            file.sampleSourcedIds().isEmpty()
                                    ? ""
                                    : ", for example sourcedId " + String.join(", ", file.sampleSourcedIds()),
                            file.problems().isEmpty() ? "" : " (" + String.join("; ", file.problems()) + ")"));
                }
            }
            case STALE -> {
                Duration stale = details.staleFor();
                if (stale != null) {
                    facts.add(
                            "Last successful upload: " + stale.toHours() + " h " + stale.toMinutesPart() + " min ago.");
                }
            }
            default -> {
                if (details.message() != null && !details.message().isBlank()) {
                    facts.add(details.message());
                }
            }
        }
        return facts;
    }

    /**
     * One line per kind of record a hold holds: the kinds over their limit with the limit, the others as held with
     * them (a hold is decided per school, so every archive of the school waits).
     */
    static List<String> held(List<ThresholdBreach> breaches) {
        List<String> lines = new ArrayList<>();
        for (ThresholdBreach breach : breaches) {
            String counted = breach.counted() != null && !breach.counted().isBlank()
                    ? breach.counted()
                    : label(breach.entityType().name()).toLowerCase(Locale.ROOT) + " records";
            String verb = verb(breach.heldAction());
            if (breach.exceeds()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "%,d %s of %,d to %s (over the %,d allowed at %s%%): held.",
                        breach.toArchive(),
                        counted,
                        breach.total(),
                        verb,
                        breach.allowed(),
                        percent(breach.thresholdPercent())));
            } else {
                lines.add(String.format(
                        Locale.ROOT,
                        "%,d %s of %,d to %s: held with them.",
                        breach.toArchive(),
                        counted,
                        breach.total(),
                        verb));
            }
            if (!breach.heldSample().isEmpty()) {
                lines.add("First held sourcedIds: " + String.join(", ", breach.heldSample())
                        + (breach.toArchive() > breach.heldSample().size() ? ", ..." : ""));
            }
        }
        return lines;
    }

    private static String verb(ChangeAction action) {
        return switch (action) {
            case UPDATED -> "update";
            case CREATED -> "create";
            default -> "archive";
        };
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String idChange(IdChange change) {
        return change.previousSourcedId() + " \u2192 " + change.newSourcedId()
                + (change.matchedOn() == null ? "" : " (matched on " + change.matchedOn() + ")");
    }

    private static String label(String entity) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("PERSON", "User");
        names.put("ENROLLMENT", "Enrollment");
        names.put("SECTION", "Class");
        names.put("COURSE", "Course");
        names.put("TERM", "Academic session");
        names.put("SCHOOL", "School");
        names.put("DEMOGRAPHICS", "Demographics");
        return names.getOrDefault(entity, entity);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver =
                new ClassLoaderTemplateResolver(IncidentMailComposer.class.getClassLoader());
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(java.util.Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
    }
}
