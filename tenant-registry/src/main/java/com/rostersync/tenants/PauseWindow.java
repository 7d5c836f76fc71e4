package com.rostersync.tenants;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.Optional;

/**
 * A stretch of whole days, in the tenant's time zone, when nothing is uploaded: either once (from {@code firstDay} to
 * {@code lastDay}, both included) or every year (from {@code yearlyFirst} to {@code yearlyLast}, both included, which
 * may wrap past New Year, e.g. the summer rollover from June 20 to August 15).
 */
public record PauseWindow(LocalDate firstDay, LocalDate lastDay, MonthDay yearlyFirst, MonthDay yearlyLast) {

    public static PauseWindow once(LocalDate firstDay, LocalDate lastDay) {
        return new PauseWindow(firstDay, lastDay, null, null);
    }

    public static PauseWindow everyYear(MonthDay first, MonthDay last) {
        return new PauseWindow(null, null, first, last);
    }

    public boolean isYearly() {
        return yearlyFirst != null;
    }

    /** The local time this window ends (the start of the day after its last), when {@code day} lies in it. */
    Optional<LocalDateTime> endIfCovers(LocalDate day) {
        if (!isYearly()) {
            return day.isBefore(firstDay) || day.isAfter(lastDay)
                    ? Optional.empty()
                    : Optional.of(lastDay.plusDays(1).atStartOfDay());
        }
        MonthDay today = MonthDay.from(day);
        boolean wraps = yearlyLast.isBefore(yearlyFirst);
        boolean covered = wraps
                ? !today.isBefore(yearlyFirst) || !today.isAfter(yearlyLast)
                : !today.isBefore(yearlyFirst) && !today.isAfter(yearlyLast);
        if (!covered) {
            return Optional.empty();
        }
        int year = wraps && !today.isAfter(yearlyLast) ? day.getYear() : day.getYear() + (wraps ? 1 : 0);
        // MonthDay.atYear turns February 29 into the 28th in a common year, which is the right last day there.
        return Optional.of(yearlyLast.atYear(year).plusDays(1).atStartOfDay());
    }
}
