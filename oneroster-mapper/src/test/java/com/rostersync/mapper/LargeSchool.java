package com.rostersync.mapper;

import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Meeting;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.events.roster.TermType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A big high school: students with six classes each, demographics, 400 MWF sections and their teachers. */
public final class LargeSchool {

    private static final int SECTIONS = 400;
    private static final int CLASSES_PER_STUDENT = 6;

    private LargeSchool() {}

    public static List<RosterRecord> records(String school, int students) {
        List<RosterRecord> records = new ArrayList<>();
        records.add(new School(school, "Big High School", school, "D-BIG", "Big District"));
        records.add(new Term(
                "Y",
                school,
                "2025-2026",
                TermType.SCHOOL_YEAR,
                LocalDate.of(2025, 8, 20),
                LocalDate.of(2026, 6, 10),
                null,
                2026));
        records.add(new Course("C", school, "Y", "General Studies", "GEN", List.of("09"), null, null));
        for (int s = 0; s < SECTIONS; s++) {
            records.add(new Section(
                    "SEC-" + s,
                    school,
                    "C",
                    List.of("Y"),
                    "Section " + s,
                    "SEC" + s,
                    ClassType.SCHEDULED,
                    "Room " + s,
                    List.of("09"),
                    List.of("General"),
                    null,
                    ScheduleType.WEEKLY,
                    List.of(
                            new Meeting(
                                    DayOfWeek.MONDAY, 1, LocalTime.of(8 + s % 6, 0), String.valueOf(1 + s % 6), null),
                            new Meeting(DayOfWeek.WEDNESDAY, 1, LocalTime.of(9 + s % 6, 0), "x", null)),
                    null));
            String teacher = "T-" + s;
            records.add(new Person(
                    teacher,
                    List.of(school),
                    Role.TEACHER,
                    "teacher" + s,
                    true,
                    "Teacher",
                    "No. " + s,
                    null,
                    teacher,
                    teacher + "@big.example.org",
                    null,
                    null,
                    null,
                    Map.of(),
                    List.of()));
            records.add(new Enrollment("ET-" + s, school, "SEC-" + s, teacher, Role.TEACHER, true, null, null));
        }
        for (int i = 0; i < students; i++) {
            String id = String.format("ST-%05d", i);
            records.add(new Person(
                    id,
                    List.of(school),
                    Role.STUDENT,
                    "student" + i,
                    true,
                    "Given" + i,
                    "Family, " + i,
                    null,
                    id,
                    id + "@big.example.org",
                    null,
                    null,
                    List.of("09"),
                    Map.of("SIS", id),
                    List.of()));
            records.add(new Demographics(
                    id,
                    LocalDate.of(2010, 1, 1).plusDays(i % 365),
                    i % 2 == 0 ? "F" : "M",
                    false,
                    false,
                    false,
                    false,
                    true,
                    false,
                    false,
                    "US",
                    "CA",
                    "Springfield",
                    null));
            for (int c = 0; c < CLASSES_PER_STUDENT; c++) {
                int section = (i + c * 67) % SECTIONS;
                records.add(new Enrollment(
                        "E-" + id + "-" + c,
                        school,
                        "SEC-" + section,
                        id,
                        Role.STUDENT,
                        null,
                        LocalDate.of(2025, 8, 20),
                        null));
            }
        }
        return records;
    }
}
