package com.rostersync.monitor.mail;

import com.rostersync.monitor.config.MonitorProperties;
import com.rostersync.monitor.incident.Incident;
import com.rostersync.monitor.incident.IncidentMailer;
import com.rostersync.monitor.incident.MailKind;
import com.rostersync.monitor.metrics.MonitorMetrics;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistryWatcher;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends incident e-mails (plain text and HTML alternatives) over SMTP to the district leaders in the registry. */
@Component
class SmtpIncidentMailer implements IncidentMailer {

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
    public boolean send(MailKind kind, Incident incident) {
        Optional<Tenant> tenant = tenants.current().tenant(incident.tenantId());
        if (tenant.isEmpty() || tenant.get().leaders().isEmpty()) {
            return false;
        }
        IncidentMail mail = composer.compose(kind, incident, tenant.get());
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(mail.to().toArray(String[]::new));
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
        } catch (MessagingException malformed) {
            throw new MailPreparationException("Could not build the mail of incident " + incident.id(), malformed);
        }
        sender.send(message);
        metrics.emailSent(kind);
        return true;
    }
}
