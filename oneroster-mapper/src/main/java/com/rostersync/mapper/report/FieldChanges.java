package com.rostersync.mapper.report;

import com.rostersync.events.roster.RosterRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names of the fields in which two versions of one canonical record differ, in the record's own field order. Only
 * names leave this class, never values: a change report must not carry a student's data.
 */
final class FieldChanges {

    private FieldChanges() {}

    static List<String> between(RosterRecord before, RosterRecord after) {
        if (before.getClass() != after.getClass() || !before.getClass().isRecord()) {
            return List.of("record");
        }
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            if (!Objects.equals(value(component, before), value(component, after))) {
                changed.add(component.getName());
            }
        }
        return List.copyOf(changed);
    }

    private static Object value(RecordComponent component, RosterRecord record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException unreadable) {
            throw new IllegalStateException(
                    "cannot read " + component.getName() + " of "
                            + record.getClass().getSimpleName(),
                    unreadable);
        }
    }
}
