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
import com.rostersync.mapper.roster.RecordKey;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small school with awkward data: quotes, commas, new lines, non-Latin names, an MWF section, a shared teacher. */
public final class Fixtures {

    public static final String TENANT = "maple";
    public static final String SCHOOL = "MHS";

    private Fixtures() {}

    public static School school() {
        return new School(SCHOOL, "Maple \"Central\" High, East Campus", "MHS-01", "D1", "Maple Unified");
    }

    public static Term year() {
        return new Term(
                "Y2026",
                SCHOOL,
                "2025-2026",
                TermType.SCHOOL_YEAR,
                LocalDate.of(2025, 8, 20),
                LocalDate.of(2026, 6, 10),
                null,
                2026);
    }

    public static Term fall() {
        return new Term(
                "S1",
                SCHOOL,
                "Fall, Semester 1",
                TermType.SEMESTER,
                LocalDate.of(2025, 8, 20),
                LocalDate.of(2026, 1, 15),
                "Y2026",
                2026);
    }

    public static Term q1() {
        return new Term(
                "Q1",
                SCHOOL,
                "Quarter 1",
                TermType.GRADING_PERIOD,
                LocalDate.of(2025, 8, 20),
                LocalDate.of(2025, 10, 31),
                "S1",
                2026);
    }

    public static Course math() {
        return new Course(
                "C-MATH",
                SCHOOL,
                "Y2026",
                "Algebra I, \"Honors\"",
                "MATH-101",
                List.of("09", "10"),
                List.of("Mathematics"),
                List.of("02052"));
    }

    public static Course art() {
        return new Course("C-ART", SCHOOL, null, "Art\nStudio", null, List.of("Other"), null, null);
    }

    public static Section mwfMath() {
        return new Section(
                "SEC-1",
                SCHOOL,
                "C-MATH",
                List.of("S1", "Q1"),
                "Algebra I (MWF)",
                "ALG-1",
                ClassType.SCHEDULED,
                "Room 101",
                List.of("09"),
                List.of("Mathematics"),
                List.of("02052"),
                ScheduleType.WEEKLY,
                List.of(
                        new Meeting(DayOfWeek.FRIDAY, 1, LocalTime.of(11, 0), "3", "Room 103"),
                        new Meeting(DayOfWeek.MONDAY, 1, LocalTime.of(9, 0), "1", "Room 101"),
                        new Meeting(DayOfWeek.WEDNESDAY, 1, LocalTime.of(10, 0), "2", "Room 102")),
                null);
    }

    public static Section homeroom() {
        List<Meeting> daily = new ArrayList<>();
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            daily.add(new Meeting(day, 1, LocalTime.of(8, 0), "HR", "Room 5"));
        }
        return new Section(
                "SEC-2",
                SCHOOL,
                "C-ART",
                List.of("Y2026"),
                "Homeroom, \u0410\u043d\u043d\u0430",
                null,
                ClassType.HOMEROOM,
                "Room 5",
                null,
                null,
                null,
                ScheduleType.SIMPLE,
                daily,
                null);
    }

    public static Person teacher() {
        return new Person(
                "T-1",
                List.of("MHS", "MMS"),
                Role.TEACHER,
                "o.connor",
                true,
                "Siobh\u00e1n",
                "O'Connor, \"Shiv\"",
                null,
                "EMP-1",
                "soconnor@maple.example.org",
                null,
                "+1 555 0100",
                null,
                Map.of("SIS", "T-1", "LDAP", "oconnor"),
                null);
    }

    public static Person student(String id, String given, String family) {
        return new Person(
                id,
                List.of(SCHOOL),
                Role.STUDENT,
                id.toLowerCase(),
                true,
                given,
                family,
                null,
                id,
                null,
                null,
                null,
                List.of("09"),
                Map.of(),
                List.of("P-1"));
    }

    public static Person parent() {
        return new Person(
                "P-1",
                List.of(SCHOOL),
                Role.PARENT,
                "parent.p1",
                false,
                "\u674e",
                "\u5a1c\n(guardian)",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static Enrollment enrollment(String id, String section, String person, Role role, Boolean primary) {
        return new Enrollment(id, SCHOOL, section, person, role, primary, LocalDate.of(2025, 8, 20), null);
    }

    public static Demographics demographics(String person) {
        return new Demographics(
                person,
                LocalDate.of(2010, 3, 4),
                "F",
                false,
                true,
                null,
                null,
                false,
                null,
                true,
                "US",
                "CA",
                "San Jos\u00e9, \"SJ\"",
                null);
    }

    /** The whole fixture school, keyed as the mapper keeps it. */
    public static Map<RecordKey, RosterRecord> school(List<RosterRecord> extra) {
        List<RosterRecord> all = new ArrayList<>(List.of(
                school(),
                year(),
                fall(),
                q1(),
                math(),
                art(),
                mwfMath(),
                homeroom(),
                teacher(),
                parent(),
                student("S-2", "\u0417\u043e\u044f", "\u0418\u0432\u0430\u043d\u043e\u0432\u0430"),
                student("S-1", "Mary-Jane", "Smith, Jr."),
                enrollment("E-1", "SEC-1", "T-1", Role.TEACHER, true),
                enrollment("E-2", "SEC-1", "S-1", Role.STUDENT, null),
                enrollment("E-3", "SEC-1", "S-2", Role.STUDENT, false),
                enrollment("E-4", "SEC-2", "S-1", Role.STUDENT, null),
                demographics("S-1")));
        all.addAll(extra);
        return keyed(all);
    }

    /** The person under another sourcedId, as a re-keyed SIS sends it. */
    public static Person withId(Person p, String sourcedId) {
        return copy(p, sourcedId, p.username(), p.metadata());
    }

    public static Person withUsername(Person p, String username) {
        return copy(p, p.sourcedId(), username, p.metadata());
    }

    /** The person with these extension columns ({@code metadata.*}). */
    public static Person withMetadata(Person p, Map<String, String> metadata) {
        return copy(p, p.sourcedId(), p.username(), metadata);
    }

    private static Person copy(Person p, String sourcedId, String username, Map<String, String> metadata) {
        return new Person(
                sourcedId,
                p.orgSourcedIds(),
                p.role(),
                username,
                p.enabled(),
                p.givenName(),
                p.familyName(),
                p.middleName(),
                p.identifier(),
                p.email(),
                p.sms(),
                p.phone(),
                p.grades(),
                p.userIds(),
                p.agentSourcedIds(),
                metadata);
    }

    public static Map<RecordKey, RosterRecord> keyed(List<RosterRecord> records) {
        Map<RecordKey, RosterRecord> keyed = new LinkedHashMap<>();
        records.forEach(r -> keyed.put(new RecordKey(r.entityType(), r.sourcedId()), r));
        return keyed;
    }
}
