package com.rostersync.mapper.snapshot;

import com.rostersync.events.roster.Meeting;
import com.rostersync.events.roster.Section;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Seed rule "how periods sync": a simple schedule (same time every weekday) sends its period; a weekly or bi-weekly
 * schedule with several meeting times sends only the earliest meeting's period (Mon 9:00, Wed 10:00, Fri 11:00 sends
 * the 9:00 period). "Earliest" is the earliest start time of day; ties go to the earlier day of the cycle (week 1
 * before week 2, Monday before Friday), then to the lower period label, so the result never depends on input order.
 * A section with no meetings keeps the periods its source already resolved (a OneRoster CSV drop); a section whose
 * earliest meeting has no period, or with neither meetings nor periods, sends no period.
 */
final class PeriodRule {

    static final Comparator<Meeting> EARLIEST = Comparator.comparing(
                    Meeting::start, Comparator.nullsLast(Comparator.<LocalTime>naturalOrder()))
            .thenComparingInt(Meeting::week)
            .thenComparing(Meeting::day, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Meeting::period, Comparator.nullsLast(Comparator.naturalOrder()));

    private PeriodRule() {}

    public static List<String> periods(Section section) {
        List<Meeting> meetings = section.meetings() == null
                ? List.of()
                : section.meetings().stream().filter(Objects::nonNull).toList();
        if (meetings.isEmpty()) {
            return section.periods() == null
                    ? List.of()
                    : section.periods().stream()
                            .filter(p -> p != null && !p.isBlank())
                            .map(String::strip)
                            .toList();
        }
        String period = meetings.stream().min(EARLIEST).map(Meeting::period).orElse(null);
        return period == null || period.isBlank() ? List.of() : List.of(period.strip());
    }
}
