package com.rostersync.monitor.api;

import com.rostersync.events.SchemaVersion;
import com.rostersync.events.Topics;
import com.rostersync.events.command.AuditEntry;
import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.kernel.kafka.AcknowledgedSend;
import com.rostersync.kernel.overrides.TenantOverrideFollower;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantRegistryWatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sets or clears an operator's override of a tenant's mode and pause, for the API and the console alike. As with the
 * hold decisions, the audit entry is written first and the override second, both acknowledged. An override that would
 * change nothing (the registry's mode and no pause of its own) is sent as a tombstone, so the compacted topic keeps
 * overrides only for the tenants that have one.
 */
@Component
public class TenantOverrides {

    static final String SET_MODE = "SET_MODE";
    static final String PAUSE = "PAUSE";
    static final String RESUME = "RESUME";

    /** What {@code mode} takes to go back to what the registry file says. */
    public static final String REGISTRY = "registry";

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, Object> kafka;
    private final TenantOverrideFollower overrides;
    private final TenantRegistryWatcher registry;
    private final Clock clock;

    TenantOverrides(
            KafkaTemplate<String, Object> kafka,
            TenantOverrideFollower overrides,
            TenantRegistryWatcher registry,
            Clock clock) {
        this.kafka = kafka;
        this.overrides = overrides;
        this.registry = registry;
        this.clock = clock;
    }

    /** A request the operator has to correct; the message names the field. */
    public static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message);
        }
    }

    /** The tenant's override as last read from its topic, if it has one. */
    public Optional<TenantControlOverride> current(String tenantId) {
        return overrides.current(tenantId);
    }

    /** The tenant as the registry file has it, before any override. */
    public Optional<Tenant> registryTenant(String tenantId) {
        return registry.current().tenant(tenantId);
    }

    /**
     * @param mode {@code live}, {@code dry-run} or {@code registry}
     * @return the override now in force, empty when the tenant follows the registry again
     * @throws BadField naming {@code mode} or {@code reason}
     */
    public Optional<TenantControlOverride> setMode(Tenant tenant, String mode, String operator, String reason) {
        String why = reason(reason);
        String wanted = mode(mode);
        Instant now = clock.instant();
        LocalDate through = activePause(tenant, now);
        return send(tenant, wanted, through, operator, now, why, SET_MODE);
    }

    /**
     * @param through the pause's last day in the tenant's zone, {@code YYYY-MM-DD}; null with {@code resume} set
     * @return the override now in force, empty when the tenant follows the registry again
     * @throws BadField naming {@code through}, {@code resume} or {@code reason}
     */
    public Optional<TenantControlOverride> pause(
            Tenant tenant, String through, boolean resume, String operator, String reason) {
        String why = reason(reason);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, tenant.controls().pauses().timeZone());
        String mode = current(tenant.id()).map(TenantControlOverride::mode).orElse(null);
        if (resume) {
            if (through != null && !through.isBlank()) {
                throw new BadField("give either through or resume, not both");
            }
            return send(tenant, mode, null, operator, now, why, RESUME);
        }
        if (through == null || through.isBlank()) {
            throw new BadField("through is required: the pause's last day as YYYY-MM-DD (or resume to end a pause)");
        }
        LocalDate last;
        try {
            last = LocalDate.parse(through.strip());
        } catch (DateTimeParseException notADate) {
            throw new BadField("through must be a date as YYYY-MM-DD, not " + through.strip());
        }
        if (last.isBefore(today)) {
            throw new BadField("through " + last + " has passed in "
                    + tenant.controls().pauses().timeZone() + " (today is " + today + ")");
        }
        return send(tenant, mode, last, operator, now, why, PAUSE);
    }

    private Optional<TenantControlOverride> send(
            Tenant tenant, String mode, LocalDate through, String operator, Instant now, String reason, String action) {
        AuditEntry audit = new AuditEntry(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                now,
                operator,
                action,
                tenant.id(),
                null,
                null,
                reason,
                SchemaVersion.MINOR);
        send(Topics.AUDIT, tenant.id(), audit);
        if (mode == null && through == null) {
            send(Topics.TENANT_OVERRIDES, tenant.id(), null);
            return Optional.empty();
        }
        TenantControlOverride override = new TenantControlOverride(tenant.id(), mode, through, operator, now, reason);
        send(Topics.TENANT_OVERRIDES, tenant.id(), override);
        return Optional.of(override);
    }

    private LocalDate activePause(Tenant tenant, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, tenant.controls().pauses().timeZone());
        return current(tenant.id())
                .map(TenantControlOverride::pausedThrough)
                .filter(last -> !last.isBefore(today))
                .orElse(null);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadField("reason is required: say why the tenant's mode or pause changes");
        }
        return reason.strip();
    }

    /** The override's mode for {@code live} and {@code dry-run}; null for {@code registry}. */
    private static String mode(String mode) {
        if (mode == null || mode.isBlank()) {
            throw new BadField("mode is required: live, dry-run or registry");
        }
        String wanted = mode.strip().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case TenantControlOverride.LIVE:
            case TenantControlOverride.DRY_RUN:
                return wanted;
            case REGISTRY:
                return null;
            default:
                throw new BadField("mode must be live, dry-run or registry, not " + mode.strip());
        }
    }

    private void send(String topic, String key, Object value) {
        AcknowledgedSend.await(kafka.send(topic, key, value), SEND_TIMEOUT, topic + " key " + key);
    }
}
