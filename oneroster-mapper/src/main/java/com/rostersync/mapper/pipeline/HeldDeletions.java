package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stream threads share with the rest of the service: the deletions each school holds (for the gauges), and a
 * counter the tenant registry bumps when it changes, so every processor re-judges its schools that hold deletions.
 */
final class HeldDeletions {

    private final Map<String, Map<EntityType, Long>> bySchool = new ConcurrentHashMap<>();
    private final AtomicLong registryChanges = new AtomicLong();

    void school(String schoolKey, Map<EntityType, Long> held) {
        if (held.isEmpty()) {
            bySchool.remove(schoolKey);
        } else {
            bySchool.put(schoolKey, Map.copyOf(held));
        }
    }

    long total(EntityType type) {
        return bySchool.values().stream()
                .mapToLong(held -> held.getOrDefault(type, 0L))
                .sum();
    }

    void registryChanged() {
        registryChanges.incrementAndGet();
    }

    long registryChanges() {
        return registryChanges.get();
    }
}
