package com.rostersync.monitor.mail;

import com.rostersync.monitor.config.MonitorProperties;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentMailer;
import com.rostersync.monitor.incident.MailKind;
import com.rostersync.monitor.incident.MailResult;
import com.rostersync.monitor.metrics.MonitorMetrics;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistryWatcher;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends incident e-mails (plain text and HTML alternatives) over SMTP to the district leaders in the registry. A
 * district it does not know yet (the other services may have loaded a newer tenants.yml first) makes it reload the
 * registry before it concludes there is no one to mail. With {@code mail.smtp.sendpartial}, a leader address the
 * server refuses does not stop the mail to the others; the mail counts as sent once the server accepted it for at least
 * one recipient. Logs carry the incident id and counts, never an address.
 */
@Component
class SmtpIncidentMailer implements IncidentMailer {

    private static final Logger log = LoggerFactory.getLogger(SmtpIncidentMailer.class);

    private final JavaMailSender sender;
    private final TenantRegistryWatcher tenants;
    private final IncidentMailComposer composer;
    private final MonitorMetrics metrics;
    private final String from;

    SmtpIncidentMailer(
            JavaMailSender sender,
            TenantRegistryWatcher tenants,
            MonitorProperties properties,
            MonitorMetrics metrics) {
        this.sender = sender;
        this.tenants = tenants;
        this.metrics = metrics;
        this.from = properties.mailFrom();
        this.composer = new IncidentMailComposer(properties.publicBaseUrl());
    }

    @Override
    public MailResult send(MailKind kind, Incident incident) {
        MailResult result = deliver(kind, incident);
        metrics.mail(kind, result);
        return result;
    }

    private MailResult deliver(MailKind kind, Incident incident) {
        Optional<Tenant> tenant = recipientsOf(incident.tenantId());
        if (tenant.isEmpty()) {
            return MailResult.NO_RECIPIENT;
        }
        try {
            IncidentMail mail = composer.compose(kind, incident, tenant.get());
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(mail.to().toArray(String[]::new));
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            sender.send(message);
            return MailResult.SENT;
        } catch (MailSendException refused) {
            int accepted = acceptedRecipients(refused);
            if (accepted > 0) {
                log.warn(
                        "Mail of incident {} accepted for {} of {} leaders; the others were refused",
                        incident.id(),
                        accepted,
                        tenant.get().leaders().size());
                return MailResult.SENT;
            }
            log.warn("Mail of incident {} was not accepted: {}", incident.id(), describe(refused));
            return MailResult.FAILED;
        } catch (MessagingException | RuntimeException failed) {
            log.warn("Mail of incident {} could not be sent: {}", incident.id(), describe(failed));
            return MailResult.FAILED;
        }
    }

    /** The tenant with at least one leader, reloading the registry once when it is unknown or has none. */
    private Optional<Tenant> recipientsOf(String tenantId) {
        Optional<Tenant> tenant = withLeaders(tenantId);
        if (tenant.isEmpty() && tenants.reloadIfChanged()) {
            tenant = withLeaders(tenantId);
        }
        return tenant;
    }

    private Optional<Tenant> withLeaders(String tenantId) {
        return tenants.current().tenant(tenantId).filter(t -> !t.leaders().isEmpty());
    }

    private static int acceptedRecipients(MailSendException refused) {
        int accepted = 0;
        for (Exception failure : refused.getFailedMessages().values()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException partial && partial.getValidSentAddresses() != null) {
                    accepted = Math.max(accepted, partial.getValidSentAddresses().length);
                }
            }
        }
        return accepted;
    }

    /** Exception types only: an SMTP server's text may quote the refused address. */
    private static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return chain.toString();
    }
}
