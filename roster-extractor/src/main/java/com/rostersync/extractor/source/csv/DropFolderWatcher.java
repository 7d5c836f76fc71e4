package com.rostersync.extractor.source.csv;

import com.rostersync.tenants.SourceType;
import com.rostersync.tenants.Tenant;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a folder drop's cycle as soon as its folder has settled after a change, instead of at the tenant's next sync
 * interval: a district that writes a new drop waits for its files to be read no longer than {@code settle}.
 *
 * <p>A folder watched on a local file system reports every change, so its tenant's scheduled cycles only guard against
 * a missed one and need not run every sync interval: {@link #interval} rests it {@code watchedInterval} (thousands of
 * quiet districts otherwise list their folders every few seconds). A folder on a network file system (NFS, SMB, a
 * FUSE mount) sees no event for files written by another machine, and one not watched now (missing, or gone since
 * its last refresh) reports nothing: their tenants keep their sync interval.
 *
 * <p>{@code settle} is how long the folder must stay without events before the cycle is called: a drop written file
 * by file, or a large file written in many pieces, is read once its writing stopped, not halfway. (A scheduled cycle
 * can still fall inside a slow writer's pause; writing each file under another name and renaming it into place is what
 * makes a drop safe to read at any moment, operations.md.)
 *
 * <p>One thread runs {@link #run()}; {@link #watch} is called with the registry's tenants at start and on each change.
 * Folders that cannot be watched now (not there yet) are tried again every {@code refreshEvery}, as is every watched
 * folder (one recreated, or swapped behind a symbolic link).
 */
public final class DropFolderWatcher implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DropFolderWatcher.class);

    /** File system types whose folders see no event for a change made on another machine. */
    private static final Set<String> REMOTE_TYPES = Set.of(
            "nfs",
            "nfs4",
            "cifs",
            "smb3",
            "smbfs",
            "9p",
            "afs",
            "ceph",
            "glusterfs",
            "lustre",
            "gpfs",
            "ncpfs",
            "davfs",
            "coda",
            "ocfs2",
            "gfs2",
            "beegfs",
            "orangefs");

    private final Consumer<String> changed;
    private final long settleNanos;
    private final long refreshNanos;
    private final Duration watchedInterval;
    private final WatchService service;
    /** Guarded by this: the folders wanted, with the tenants reading each. */
    private final Map<Path, Set<String>> tenantsByFolder = new HashMap<>();
    /** Guarded by this: the folder of each tenant of {@link #tenantsByFolder}. */
    private final Map<String, Path> folderOfTenant = new HashMap<>();
    /** Guarded by this: the key watching each wanted folder that could be watched. */
    private final Map<Path, WatchKey> keys = new HashMap<>();
    /** Guarded by this: the keys whose folder is on a file system that reports every change (looked up once a key). */
    private final Map<WatchKey, Boolean> local = new HashMap<>();
    /** Touched by the watching thread only: the keys of folders that changed, with when their settle time ends. */
    private final Map<WatchKey, Long> settling = new HashMap<>();

    private volatile long refreshedAt;

    /**
     * Calls {@code changed} with a tenant's id once its drop folder settled after a change; a tenant whose folder it
     * watches on a local file system is read at least every {@code watchedInterval}.
     */
    public DropFolderWatcher(
            Consumer<String> changed, Duration settle, Duration refreshEvery, Duration watchedInterval) {
        this.changed = changed;
        this.settleNanos = settle.toNanos();
        this.refreshNanos = refreshEvery.toNanos();
        this.watchedInterval = watchedInterval;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException unavailable) {
            throw new IllegalStateException("the file system offers no watch service for drop folders", unavailable);
        }
    }

    /** Watches the folders of these tenants' folder drops, and no other folder. */
    public synchronized void watch(Collection<Tenant> tenants) {
        tenantsByFolder.clear();
        folderOfTenant.clear();
        for (Tenant tenant : tenants) {
            if (tenant.source() != null
                    && tenant.source().type() == SourceType.CSV_DROP
                    && tenant.source().csvDrop() != null
                    && !tenant.source().csvDrop().isSftp()) {
                Path folder = Path.of(tenant.source().csvDrop().folder())
                        .toAbsolutePath()
                        .normalize();
                tenantsByFolder.computeIfAbsent(folder, any -> new TreeSet<>()).add(tenant.id());
                folderOfTenant.put(tenant.id(), folder);
            }
        }
        register();
    }

    /**
     * How long the tenant's cycles rest between scheduled reads: {@code watchedInterval} (its sync interval if longer)
     * while its folder is watched on a local file system, its sync interval otherwise.
     */
    public synchronized Duration interval(Tenant tenant) {
        Path folder = folderOfTenant.get(tenant.id());
        WatchKey key = folder == null ? null : keys.get(folder);
        boolean seesEveryChange = key != null && key.isValid() && local.getOrDefault(key, false);
        if (!seesEveryChange || watchedInterval.compareTo(tenant.syncInterval()) <= 0) {
            return tenant.syncInterval();
        }
        return watchedInterval;
    }

    /** Whether a file system of this type (as {@code FileStore.type()} names it) reports changes made elsewhere. */
    static boolean reportsEveryChange(String fileSystemType) {
        String type = fileSystemType.toLowerCase(Locale.ROOT);
        return !REMOTE_TYPES.contains(type) && !type.startsWith("fuse");
    }

    /** Watches until {@link #close()}; a folder's tenants are called once it settled. */
    @Override
    public void run() {
        try {
            while (true) {
                WatchKey key = service.poll(waitMillis(), TimeUnit.MILLISECONDS);
                try {
                    while (key != null) {
                        noteEvents(key);
                        key = service.poll();
                    }
                    long now = System.nanoTime();
                    callSettled(now);
                    if (now - refreshedAt >= refreshNanos) {
                        register();
                    }
                } catch (ClosedWatchServiceException closed) {
                    throw closed;
                } catch (RuntimeException unexpected) {
                    // The sync interval still reads every drop; the watcher only brings cycles forward, so it goes on.
                    log.warn("Drop folder watcher: {}", unexpected.toString());
                }
            }
        } catch (ClosedWatchServiceException stopped) {
            log.debug("Drop folder watcher stopped");
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // Closing only releases the file system's watches.
        }
    }

    private long waitMillis() {
        long now = System.nanoTime();
        long until = refreshedAt + refreshNanos;
        for (long settled : settling.values()) {
            until = Math.min(until, settled);
        }
        return Math.max(1, (until - now) / 1_000_000 + 1);
    }

    /** Any event (a file created, written, renamed in or out, deleted, or events lost) starts the settle time again. */
    private void noteEvents(WatchKey key) {
        key.pollEvents();
        // A key that cannot be reset watches a folder that went away; the next refresh watches it again if it is back.
        key.reset();
        settling.put(key, System.nanoTime() + settleNanos);
    }

    private void callSettled(long now) {
        Set<String> due = new TreeSet<>();
        for (Iterator<Map.Entry<WatchKey, Long>> it = settling.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<WatchKey, Long> folder = it.next();
            if (now - folder.getValue() >= 0) {
                it.remove();
                due.addAll(tenantsWatchedBy(folder.getKey()));
            }
        }
        for (String tenantId : due) {
            log.debug("Tenant {}: its drop folder changed; its cycle is brought forward", tenantId);
            changed.accept(tenantId);
        }
    }

    /** Two configured paths of one folder (a link, say) share one key. */
    private synchronized Set<String> tenantsWatchedBy(WatchKey key) {
        Set<String> tenants = new TreeSet<>();
        keys.forEach((folder, watching) -> {
            if (watching.equals(key)) {
                tenants.addAll(tenantsByFolder.get(folder));
            }
        });
        return tenants;
    }

    /**
     * Registers every wanted folder (registering a watched one again is the same key) and cancels the keys of folders
     * no longer wanted. A folder that cannot be watched is left to its sync interval until the next refresh.
     */
    private synchronized void register() {
        refreshedAt = System.nanoTime();
        Set<WatchKey> wanted = new HashSet<>();
        for (Path folder : tenantsByFolder.keySet()) {
            try {
                WatchKey key = folder.register(
                        service,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                WatchKey before = keys.put(folder, key);
                wanted.add(key);
                local.computeIfAbsent(key, any -> onLocalFileSystem(folder));
                if (before != null && !before.equals(key) && !keys.containsValue(before)) {
                    // The path leads to another folder now (a link swapped): stop watching the old one.
                    before.cancel();
                }
            } catch (IOException | RuntimeException unwatchable) {
                keys.remove(folder);
                log.debug("Drop folder {} cannot be watched now: {}", folder, unwatchable.toString());
            }
        }
        for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, WatchKey> entry = it.next();
            if (!tenantsByFolder.containsKey(entry.getKey())) {
                it.remove();
                if (!wanted.contains(entry.getValue())) {
                    entry.getValue().cancel();
                }
            }
        }
        local.keySet().retainAll(keys.values());
    }

    private static boolean onLocalFileSystem(Path folder) {
        try {
            String type = Files.getFileStore(folder).type();
            boolean local = reportsEveryChange(type);
            if (!local) {
                log.info("Drop folder {} is on a {} file system: read every sync interval", folder, type);
            }
            return local;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
