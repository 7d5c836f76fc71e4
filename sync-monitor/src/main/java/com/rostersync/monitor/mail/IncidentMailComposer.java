package com.rostersync.monitor.mail;

import com.rostersync.events.outcome.FileFailure;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.Stage;
import com.rostersync.events.outcome.ThresholdBreach;
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
public final class IncidentMailComposer {

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
        context.setVariable("incidentId", incident.id());
        return new IncidentMail(
                tenant.leaders(),
                subject,
                templates.process("incident.txt", context),
                templates.process("incident.html", context));
    }

    /** The hold's page in the approval API, for a THRESHOLD hold of one school; null otherwise. */
    String approveUrl(Incident incident) {
        if (incident.reason() != OutcomeReason.THRESHOLD
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
            case EXTRACT, MONITOR -> "the whole district";
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
                for (ThresholdBreach breach : details.thresholdBreaches()) {
                    facts.add(String.format(
                            Locale.ROOT,
                            "%s records to archive: %d of %d (%.1f%%); the deletion "
                                    + "threshold of %.1f%% allows at most %d.",
                            label(breach.entityType().name()),
                            breach.toArchive(),
                            breach.total(),
                            breach.percent(),
                            breach.thresholdPercent(),
                            breach.allowed()));
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
