package com.rostersync.kernel.overrides;

import com.rostersync.events.command.TenantControlOverride;
import com.rostersync.tenants.Mode;
import com.rostersync.tenants.PauseWindow;
import com.rostersync.tenants.Pauses;
import com.rostersync.tenants.Tenant;
import com.rostersync.tenants.TenantControls;
import com.rostersync.tenants.TenantRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies operators' overrides to the registry as read from its file: an override's mode replaces the tenant's, and
 * its pause is one more window, from the tenant's today (in its own time zone) through the override's last day, so
 * the registry's own windows still count and a pause whose last day has passed simply no longer covers anything.
 */
public final class ControlOverrides {

    private ControlOverrides() {}

    public static TenantRegistry apply(
            TenantRegistry registry, Map<String, TenantControlOverride> overrides, Instant now) {
        if (overrides.isEmpty()) {
            return registry;
        }
        return new TenantRegistry(registry.tenants().stream()
                .map(tenant -> Optional.ofNullable(overrides.get(tenant.id()))
                        .map(override -> apply(tenant, override, now))
                        .orElse(tenant))
                .toList());
    }

    public static Tenant apply(Tenant tenant, TenantControlOverride override, Instant now) {
        TenantControls controls = tenant.controls();
        Optional<Mode> mode = mode(override.mode());
        if (mode.isPresent()) {
            controls = controls.withMode(mode.get());
        }
        if (override.pausedThrough() != null) {
            Pauses pauses = controls.pauses();
            LocalDate today = LocalDate.ofInstant(now, pauses.timeZone());
            if (!override.pausedThrough().isBefore(today)) {
                List<PauseWindow> windows = new ArrayList<>(pauses.windows());
                windows.add(PauseWindow.once(today, override.pausedThrough()));
                controls = controls.withPauses(new Pauses(pauses.timeZone(), windows));
            }
        }
        return tenant.withControls(controls);
    }

    /**
     * The mode an override names, as the registry writes it ({@code live}, {@code dry-run}); empty for none. A name
     * this build does not know is ignored rather than guessed at: the registry's own mode stays.
     */
    public static Optional<Mode> mode(String registryName) {
        if (registryName == null) {
            return Optional.empty();
        }
        for (Mode mode : Mode.values()) {
            if (mode.registryName().equalsIgnoreCase(registryName.strip())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
