package com.rostersync.monitor.api;

import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.tenants.Tenant;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Operators switch a tenant between live and dry run, or pause and resume its uploads, over the registry file's
 * settings until they set it back. Both take a required {@code reason}, kept as the audit entry's note.
 */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
class TenantControlsController {

    private final TenantOverrides overrides;

    TenantControlsController(TenantOverrides overrides) {
        this.overrides = overrides;
    }

    /** {@code mode}: {@code live}, {@code dry-run}, or {@code registry} for what the registry file says. */
    @PostMapping("/mode")
    ResponseEntity<OverrideView> mode(
            @PathVariable String tenantId,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String reason,
            Principal principal) {
        Tenant tenant = tenant(tenantId);
        return accepted(tenant, overrides.setMode(tenant, mode, principal.getName(), reason));
    }

    /** {@code through}: the pause's last day (YYYY-MM-DD, the tenant's zone, inclusive); or {@code resume}. */
    @PostMapping("/pause")
    ResponseEntity<OverrideView> pause(
            @PathVariable String tenantId,
            @RequestParam(required = false) String through,
            @RequestParam(required = false) String resume,
            @RequestParam(required = false) String reason,
            Principal principal) {
        Tenant tenant = tenant(tenantId);
        return accepted(tenant, overrides.pause(tenant, through, resume != null, principal.getName(), reason));
    }

    @ExceptionHandler(TenantOverrides.BadField.class)
    ResponseEntity<String> badField(TenantOverrides.BadField bad) {
        return ResponseEntity.badRequest().body(bad.getMessage());
    }

    private Tenant tenant(String tenantId) {
        return overrides
                .registryTenant(tenantId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No tenant " + tenantId));
    }

    private static ResponseEntity<OverrideView> accepted(Tenant tenant, Optional<TenantControlOverride> now) {
        OverrideView view = now.map(o -> new OverrideView(
                        tenant.id(),
                        tenant.mode().registryName(),
                        o.mode(),
                        o.pausedThrough(),
                        o.setBy(),
                        o.setAt(),
                        o.reason(),
                        false))
                .orElse(new OverrideView(
                        tenant.id(), tenant.mode().registryName(), null, null, null, null, null, true));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view);
    }

    /** {@code cleared}: the tenant follows its registry settings again. */
    record OverrideView(
            String tenantId,
            String registryMode,
            String mode,
            LocalDate pausedThrough,
            String setBy,
            Instant setAt,
            String reason,
            boolean cleared) {}
}
