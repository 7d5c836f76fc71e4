package com.rostersync.mapper.pipeline;

import com.rostersync.events.EntityType;
import com.rostersync.events.SchemaVersion;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.cycle.TenantCycleRef;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the extractor's events for tests. */
final class RosterEvents {

    private RosterEvents() {}

    static RecordChanged upsert(String tenant, String school, RosterRecord record) {
        return new RecordChanged(
                SchemaVersion.CURRENT,
                tenant,
                school,
                "c",
                ChangeKind.UPSERT,
                record.entityType(),
                record.sourcedId(),
                Integer.toHexString(record.hashCode()),
                record,
                Instant.now());
    }

    static RecordChanged delete(String tenant, String school, EntityType type, String sourcedId) {
        return new RecordChanged(
                SchemaVersion.CURRENT,
                tenant,
                school,
                "c",
                ChangeKind.DELETE,
                type,
                sourcedId,
                null,
                null,
                Instant.now());
    }

    static CycleCompleted completed(String tenant, String school) {
        return new CycleCompleted(
                SchemaVersion.CURRENT, tenant, school, "c", Instant.now(), Instant.now(), Map.of(), Set.of());
    }

    /** A marker that says whether the cycle read the whole source. */
    static CycleCompleted completed(String tenant, String school, boolean fullRead) {
        return new CycleCompleted(
                SchemaVersion.CURRENT,
                tenant,
                school,
                "c",
                Instant.now(),
                Instant.now(),
                Map.of(),
                Set.of(),
                null,
                fullRead);
    }

    static CycleCompleted completed(String tenant, String school, TenantCycleRef cycle) {
        return new CycleCompleted(
                SchemaVersion.CURRENT,
                tenant,
                school,
                cycle.cycleId(),
                cycle.startedAt(),
                Instant.now(),
                Map.of(),
                Set.of(),
                cycle);
    }

    /** A school with {@code students} students and nothing else. */
    static List<RosterChangeEvent> schoolWithStudents(String tenant, String school, int students) {
        List<RosterChangeEvent> events = new ArrayList<>();
        events.add(upsert(tenant, school, new School(school, "School " + school, null, null, null)));
        for (int i = 0; i < students; i++) {
            events.add(upsert(tenant, school, student(school, i)));
        }
        events.add(completed(tenant, school));
        return events;
    }

    static Person student(String school, int i) {
        String id = studentId(i);
        return new Person(
                id,
                List.of(school),
                Role.STUDENT,
                "u" + id,
                true,
                "Given" + i,
                "Family" + i,
                null,
                null,
                null,
                null,
                null,
                List.of("05"),
                Map.of(),
                List.of());
    }

    static String studentId(int i) {
        return String.format("X-%05d", i);
    }
}
