package com.rostersync.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current registry and reloads it when the file changes, without a restart. It polls the file's
 * modification time and size (a watch service misses changes on many mounted volumes). An invalid new file is
 * logged with its problems and ignored: the last valid registry stays in force. The service polls
 * {@link #reloadIfChanged()} on a timer of its own.
 */
public final class TenantRegistryWatcher {

    private static final Logger log = LoggerFactory.getLogger(TenantRegistryWatcher.class);

    private final Path file;
    private final AtomicReference<TenantRegistry> current;
    private final List<Consumer<TenantRegistry>> listeners = new CopyOnWriteArrayList<>();
    private volatile Stamp lastStamp;

    /** Loads the file now, failing fast when it is invalid. */
    public TenantRegistryWatcher(Path file) {
        this.file = file;
        this.lastStamp = stamp(file);
        this.current = new AtomicReference<>(TenantRegistryLoader.load(file));
    }

    public TenantRegistry current() {
        return current.get();
    }

    /** Called with each newly loaded, valid registry. */
    public void onChange(Consumer<TenantRegistry> listener) {
        listeners.add(listener);
    }

    /** Reloads now if the file changed; returns whether a new registry took effect. */
    public boolean reloadIfChanged() {
        Stamp stamp = stamp(file);
        if (Objects.equals(stamp, lastStamp)) {
            return false;
        }
        lastStamp = stamp;
        try {
            TenantRegistry registry = TenantRegistryLoader.load(file);
            current.set(registry);
            log.info(
                    "Tenant registry {} reloaded: {} tenants",
                    file,
                    registry.tenants().size());
            listeners.forEach(listener -> listener.accept(registry));
            return true;
        } catch (InvalidTenantRegistryException invalid) {
            log.error(
                    "Tenant registry {} changed but is invalid; keeping the previous one. {}",
                    file,
                    invalid.getMessage());
            return false;
        }
    }

    private static Stamp stamp(Path file) {
        try {
            return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException missing) {
            return null;
        }
    }

    private record Stamp(FileTime modified, long size) {}
}
