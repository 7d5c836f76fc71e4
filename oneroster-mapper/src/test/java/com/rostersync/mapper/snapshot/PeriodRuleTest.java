package com.rostersync.mapper.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Meeting;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.Section;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodRuleTest {

    @Test
    void simpleScheduleSendsItsPeriod() {
        assertThat(periodsOf(
                        ScheduleType.SIMPLE,
                        meeting(DayOfWeek.MONDAY, 1, 8, "HR"),
                        meeting(DayOfWeek.TUESDAY, 1, 8, "HR")))
                .containsExactly("HR");
    }

    @Test
    void weeklyMwfSendsOnlyTheEarliestMeetingsPeriod() {
        assertThat(periodsOf(
                        ScheduleType.WEEKLY,
                        meeting(DayOfWeek.WEDNESDAY, 1, 10, "2"),
                        meeting(DayOfWeek.FRIDAY, 1, 11, "3"),
                        meeting(DayOfWeek.MONDAY, 1, 9, "1")))
                .containsExactly("1");
    }

    @Test
    void earliestIsByTimeOfDayNotByDay() {
        assertThat(periodsOf(
                        ScheduleType.WEEKLY,
                        meeting(DayOfWeek.MONDAY, 1, 11, "5"),
                        meeting(DayOfWeek.FRIDAY, 1, 8, "1")))
                .containsExactly("1");
    }

    @Test
    void sameStartTimeGoesToTheEarlierDayOfTheCycle() {
        assertThat(periodsOf(
                        ScheduleType.BIWEEKLY,
                        meeting(DayOfWeek.MONDAY, 2, 9, "B"),
                        meeting(DayOfWeek.THURSDAY, 1, 9, "C"),
                        meeting(DayOfWeek.TUESDAY, 1, 9, "D")))
                .containsExactly("D");
    }

    @Test
    void sameStartTimeAndDayGoesToTheLowerPeriodLabel() {
        assertThat(periodsOf(
                        ScheduleType.WEEKLY,
                        meeting(DayOfWeek.MONDAY, 1, 9, "7"),
                        meeting(DayOfWeek.MONDAY, 1, 9, "4")))
                .containsExactly("4");
    }

    @Test
    void earliestMeetingWithoutPeriodSendsNoPeriod() {
        assertThat(periodsOf(
                        ScheduleType.WEEKLY,
                        meeting(DayOfWeek.MONDAY, 1, 8, null),
                        meeting(DayOfWeek.MONDAY, 1, 9, "2")))
                .isEmpty();
    }

    @Test
    void noMeetingsAndNoPeriodsSendsNoPeriod() {
        assertThat(PeriodRule.periods(section(ScheduleType.WEEKLY, null, null))).isEmpty();
        assertThat(PeriodRule.periods(section(null, List.of(), List.of()))).isEmpty();
    }

    @Test
    void csvDropPeriodsAreKeptWhenThereAreNoMeetings() {
        assertThat(PeriodRule.periods(section(null, List.of(), List.of("1", "2"))))
                .containsExactly("1", "2");
    }

    private static List<String> periodsOf(ScheduleType type, Meeting... meetings) {
        return PeriodRule.periods(section(type, List.of(meetings), null));
    }

    private static Meeting meeting(DayOfWeek day, int week, int hour, String period) {
        return new Meeting(day, week, LocalTime.of(hour, 0), period, null);
    }

    private static Section section(ScheduleType type, List<Meeting> meetings, List<String> periods) {
        return new Section(
                "SEC",
                "MHS",
                "C",
                List.of("T"),
                "T",
                null,
                ClassType.SCHEDULED,
                null,
                null,
                null,
                null,
                type,
                meetings,
                periods);
    }
}
