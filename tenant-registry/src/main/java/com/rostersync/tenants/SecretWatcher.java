package com.rostersync.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the secrets the registry names, as {@link TenantRegistryWatcher} watches the registry: every poll resolves
 * each named secret (environment first, then the secrets folder) and tells its listeners which names now have another
 * value, so a password rotated on disk is used, and a destination or source that failed on credentials is retried, with
 * no edit of tenants.yml and no restart. Only a digest of each value is kept in memory, and only names are logged. The
 * environment of a running process cannot change, so an environment-provided secret changes with a restart only. The
 * service calls {@link #poll()} on a timer of its own.
 */
public final class SecretWatcher {

    private static final Logger log = LoggerFactory.getLogger(SecretWatcher.class);
    private static final String ABSENT = "absent";

    private final Supplier<TenantRegistry> registry;
    private final SecretResolver secrets;
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> afterEachCheck = new CopyOnWriteArrayList<>();
    private final Map<String, String> digests = new HashMap<>();

    /** Reads every named secret now, so that the first {@link #poll()} reports only what changed after. */
    public SecretWatcher(Supplier<TenantRegistry> registry, SecretResolver secrets) {
        this.registry = registry;
        this.secrets = secrets;
        checkNow();
    }

    /**
     * Called after every check, changed or not: for a state that a change between two checks could miss (a secret
     * rotated and rotated back within one poll, after a failure read the value in between).
     */
    public void afterEachCheck(Runnable listener) {
        afterEachCheck.add(listener);
    }

    /** Called with the names of the secrets whose value changed since the last check (never with a value). */
    public void onChange(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    /**
     * Resolves every secret the registry names now; returns (and tells the listeners) the names whose value changed,
     * appeared or disappeared. A name seen for the first time (a new tenant) is not a change.
     */
    public synchronized Set<String> checkNow() {
        Set<String> names = new TreeSet<>();
        registry.get().tenants().forEach(tenant -> names.addAll(secretNames(tenant)));
        Set<String> changed = new TreeSet<>();
        for (String name : names) {
            String digest = digest(name);
            String before = digests.put(name, digest);
            if (before != null && !before.equals(digest)) {
                changed.add(name);
            }
        }
        digests.keySet().retainAll(names);
        if (!changed.isEmpty()) {
            log.info("Secrets changed: {}", changed);
            Set<String> view = Set.copyOf(changed);
            listeners.forEach(listener -> listener.accept(view));
        }
        return changed;
    }

    /** The secret names a tenant's source and destinations use. */
    public static Set<String> secretNames(Tenant tenant) {
        Set<String> names = new LinkedHashSet<>(secretNames(tenant.source()));
        tenant.destinations().forEach(destination -> names.addAll(secretNames(destination)));
        return names;
    }

    /** The secret names a source uses (its password or private key). */
    public static Set<String> secretNames(Source source) {
        if (source == null) {
            return Set.of();
        }
        return names(
                source.jdbc() == null ? null : source.jdbc().password(),
                source.csvDrop() == null ? null : source.csvDrop().password(),
                source.csvDrop() == null ? null : source.csvDrop().privateKey());
    }

    /** The secret names a destination account uses (password, or private key and its passphrase). */
    public static Set<String> secretNames(DestinationAccount destination) {
        return names(destination.password(), destination.privateKey(), destination.privateKeyPassphrase());
    }

    /** One check as a timer runs it: a failure is logged by class name only (it may quote a secret) and not thrown. */
    public void poll() {
        try {
            checkNow();
            afterEachCheck.forEach(Runnable::run);
        } catch (RuntimeException failed) {
            log.warn(
                    "Checking the secrets for changes failed; next poll retries: {}",
                    failed.getClass().getName());
        }
    }

    private String digest(String name) {
        try {
            return secrets.resolve(new SecretRef(name))
                    .map(secret -> sha256(secret.reveal()))
                    .orElse(ABSENT);
        } catch (RuntimeException unreadable) {
            return ABSENT;
        }
    }

    private static Set<String> names(SecretRef... refs) {
        Set<String> names = new LinkedHashSet<>();
        Stream.of(refs).filter(Objects::nonNull).map(SecretRef::name).forEach(names::add);
        return names;
    }

    private static String sha256(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
