package com.rostersync.localstack.sis;

import com.rostersync.localstack.sis.DemoCatalog.DemoSchool;
import com.rostersync.localstack.sis.DemoCatalog.DemoTenant;
import com.rostersync.localstack.sis.DemoSis.CourseRow;
import com.rostersync.localstack.sis.DemoSis.DemographicsRow;
import com.rostersync.localstack.sis.DemoSis.EnrollmentRow;
import com.rostersync.localstack.sis.DemoSis.MeetingRow;
import com.rostersync.localstack.sis.DemoSis.PersonRow;
import com.rostersync.localstack.sis.DemoSis.PersonSchoolRow;
import com.rostersync.localstack.sis.DemoSis.SchoolRow;
import com.rostersync.localstack.sis.DemoSis.SectionRow;
import com.rostersync.localstack.sis.DemoSis.TermRow;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates a realistic demo SIS from a seed: the same seed and catalog always give the same rows. The data is
 * deliberately awkward where real rosters are (names with accents, apostrophes, hyphens, non-Latin scripts and a
 * comma; a teacher in two schools; sections meeting Mon/Wed/Fri at different times and on bi-weekly schedules), so the
 * demo exercises the OneRoster rules the mapper and publisher implement, not just the happy path.
 */
public final class DemoSisGenerator {

    /** Every one of these is used at least once (the first students of each school take them in turn). */
    static final List<String[]> AWKWARD_NAMES = List.of(
            new String[] {"Zoë", "O'Brien"},
            new String[] {"José", "García-Núñez"},
            new String[] {"Martin", "King, Jr."},
            new String[] {"美玲", "王"},
            new String[] {"Дмитрий", "Иванов"},
            new String[] {"محمد", "الحسيني"},
            new String[] {"Αλέξανδρος", "Παπαδόπουλος"},
            new String[] {"प्रिया", "शर्मा"},
            new String[] {"Siobhán", "Ó Súilleabháin"},
            new String[] {"Søren", "Øvergård"},
            new String[] {"Anaïs", "D'Angelo-Lefèvre"},
            new String[] {"Nguyễn", "Thị Thu"});

    private static final List<String> GIVEN = List.of(
            "Olivia",
            "Liam",
            "Sofía",
            "Mateo",
            "Emma",
            "Noah",
            "Amélie",
            "Lucas",
            "Chloé",
            "Ethan",
            "Mía",
            "Jürgen",
            "Aaliyah",
            "Ngozi",
            "Kenji",
            "Priya",
            "Fatima",
            "Oluwaseun",
            "Łucja",
            "Hannah",
            "Diego",
            "Aisha",
            "Mohammed",
            "Grace",
            "Ji-woo",
            "Mary-Kate",
            "Renée",
            "Björn",
            "Camila",
            "Jamal",
            "Yuki",
            "Ava",
            "Elijah",
            "Isabella",
            "Benjamin",
            "Harper",
            "Santiago",
            "Leïla");
    private static final List<String> FAMILY = List.of(
            "García",
            "Smith-Jones",
            "Müller",
            "Okafor",
            "Kowalski",
            "Lefèvre",
            "MacDonald",
            "Núñez",
            "Johnson",
            "Williams",
            "Brown",
            "Patel",
            "Kim",
            "Haddad",
            "van der Berg",
            "St. John",
            "O'Connor",
            "D'Souza",
            "Nguyen",
            "Rodríguez",
            "Schröder",
            "Yılmaz",
            "Abernathy-Cole",
            "Wójcik",
            "Chen",
            "Tanaka",
            "Mbeki",
            "Fernández",
            "Larsen",
            "Cohen");
    private static final List<String> MIDDLE = List.of("Anne", "James", "Marie", "Lee", "José", "Grace");
    private static final List<String> CORE_SUBJECTS =
            List.of("Mathematics", "English Language Arts", "Science", "Social Studies", "Spanish");
    private static final Map<String, String> SUBJECT_CODES = Map.of(
            "Mathematics",
            "MAT",
            "English Language Arts",
            "ELA",
            "Science",
            "SCI",
            "Social Studies",
            "SOC",
            "Spanish",
            "SPA",
            "Art",
            "ART",
            "Music",
            "MUS",
            "Physical Education",
            "PE",
            "Homeroom",
            "HR");
    private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    /** The one sex value in the demo that OneRoster 1.1 cannot carry (see {@code markNonBinaryStudent}). */
    public static final String NON_BINARY_SEX = "X";

    static final LocalDate YEAR_START = LocalDate.of(2026, 8, 17);
    static final LocalDate FALL_END = LocalDate.of(2026, 12, 18);
    static final LocalDate SPRING_START = LocalDate.of(2027, 1, 5);
    static final LocalDate YEAR_END = LocalDate.of(2027, 6, 11);
    static final int SCHOOL_YEAR = 2027;

    private final DemoCatalog catalog;
    private final int studentsPerGrade;

    public DemoSisGenerator(DemoCatalog catalog, int studentsPerGrade) {
        if (studentsPerGrade < 1) {
            throw new IllegalArgumentException("studentsPerGrade must be at least 1");
        }
        this.catalog = catalog;
        this.studentsPerGrade = studentsPerGrade;
    }

    public DemoSis generate(long seed) {
        return new Run(new Random(seed)).generate();
    }

    /** One generation: all mutable state lives here, so the generator itself is reusable and thread-safe. */
    private final class Run {

        private final Random random;
        private final List<SchoolRow> schools = new ArrayList<>();
        private final List<TermRow> terms = new ArrayList<>();
        private final List<CourseRow> courses = new ArrayList<>();
        private final List<SectionRow> sections = new ArrayList<>();
        private final List<MeetingRow> meetings = new ArrayList<>();
        private final List<PersonRow> people = new ArrayList<>();
        private final List<PersonSchoolRow> personSchools = new ArrayList<>();
        private final List<EnrollmentRow> enrollments = new ArrayList<>();
        private final List<DemographicsRow> demographics = new ArrayList<>();
        private final Map<String, Integer> usernames = new HashMap<>();
        private int schoolIndex;

        Run(Random random) {
            this.random = random;
        }

        DemoSis generate() {
            for (DemoTenant tenant : catalog.tenants()) {
                PersonRow sharedArtTeacher = null;
                for (DemoSchool school : tenant.schools()) {
                    sharedArtTeacher = school(tenant, school, sharedArtTeacher);
                    schoolIndex++;
                }
            }
            markNonBinaryStudent();
            return new DemoSis(
                    List.copyOf(schools),
                    List.copyOf(terms),
                    List.copyOf(courses),
                    List.copyOf(sections),
                    List.copyOf(meetings),
                    List.copyOf(people),
                    List.copyOf(personSchools),
                    List.copyOf(enrollments),
                    List.copyOf(demographics));
        }

        /**
         * Many SISs record a non-binary sex that OneRoster 1.1's demographics vocabulary (male, female) cannot carry:
         * the first student of the first school that is its own account has it, so the demo shows the mapper leaving
         * that one row out and the school's office getting a VALIDATION e-mail.
         */
        private void markNonBinaryStudent() {
            catalog.tenants().stream().filter(t -> !t.district()).findFirst().ifPresent(tenant -> {
                String id = tenant.schools().get(0).id() + "-S0001";
                demographics.replaceAll(d -> d.personId().equals(id)
                        ? new DemographicsRow(
                                d.personId(),
                                d.birthDate(),
                                NON_BINARY_SEX,
                                d.americanIndian(),
                                d.asian(),
                                d.black(),
                                d.pacificIslander(),
                                d.white(),
                                d.twoOrMoreRaces(),
                                d.hispanic(),
                                d.countryOfBirth(),
                                d.stateOfBirth(),
                                d.cityOfBirth(),
                                d.residenceStatus())
                        : d);
            });
        }

        /**
         * Creates one school; returns its art teacher so the next school of a district shares them (a teacher in two
         * schools, as the seeds require).
         */
        private PersonRow school(DemoTenant tenant, DemoSchool school, PersonRow artTeacherFromSibling) {
            String s = school.id();
            String domain = tenant.id() + ".example.org";
            schools.add(new SchoolRow(
                    s,
                    school.name(),
                    String.format(Locale.ROOT, "06%05d", 101 + schoolIndex),
                    tenant.district() ? tenant.id() : null,
                    tenant.district() ? tenant.name() : null));
            String year = s + "-" + SCHOOL_YEAR;
            String fall = year + "-S1";
            String spring = year + "-S2";
            terms.add(new TermRow(year, s, "2026-2027", "SCHOOL_YEAR", YEAR_START, YEAR_END, null, SCHOOL_YEAR));
            terms.add(new TermRow(fall, s, "Fall 2026", "SEMESTER", YEAR_START, FALL_END, year, SCHOOL_YEAR));
            terms.add(new TermRow(spring, s, "Spring 2027", "SEMESTER", SPRING_START, YEAR_END, year, SCHOOL_YEAR));

            PersonRow principal = staff(s + "-A1", "ADMINISTRATOR", domain);
            personSchools.add(new PersonSchoolRow(principal.personId(), s));

            Map<String, List<PersonRow>> studentsByGrade = new LinkedHashMap<>();
            int studentNumber = 0;
            for (String grade : school.level().grades()) {
                List<PersonRow> students = new ArrayList<>();
                for (int i = 0; i < studentsPerGrade; i++) {
                    studentNumber++;
                    String[] name = studentNumber <= 2
                            ? AWKWARD_NAMES.get((schoolIndex * 2 + studentNumber - 1) % AWKWARD_NAMES.size())
                            : new String[] {pick(GIVEN), pick(FAMILY)};
                    PersonRow student =
                            student(String.format(Locale.ROOT, "%s-S%04d", s, studentNumber), name, grade, domain);
                    personSchools.add(new PersonSchoolRow(student.personId(), s));
                    students.add(student);
                }
                studentsByGrade.put(grade, students);
            }

            PersonRow artTeacher = artTeacherFromSibling;
            if (artTeacher == null) {
                artTeacher = staff(s + "-T00", "TEACHER", domain);
            }
            personSchools.add(new PersonSchoolRow(artTeacher.personId(), s));

            int sectionIndex = 0;
            int teacherNumber = 0;
            for (var entry : studentsByGrade.entrySet()) {
                String grade = entry.getKey();
                List<PersonRow> students = entry.getValue();
                if (isLowerGrade(grade)) {
                    PersonRow teacher =
                            staff(String.format(Locale.ROOT, "%s-T%02d", s, ++teacherNumber), "TEACHER", domain);
                    personSchools.add(new PersonSchoolRow(teacher.personId(), s));
                    String course = course(s, year, "Homeroom", grade);
                    section(
                            s,
                            course,
                            year,
                            "Homeroom " + gradeLabel(grade),
                            "HOMEROOM",
                            grade,
                            "Homeroom",
                            "SIMPLE",
                            0,
                            teacher,
                            students,
                            YEAR_START,
                            YEAR_END);
                } else {
                    for (String subject : CORE_SUBJECTS) {
                        PersonRow teacher =
                                staff(String.format(Locale.ROOT, "%s-T%02d", s, ++teacherNumber), "TEACHER", domain);
                        personSchools.add(new PersonSchoolRow(teacher.personId(), s));
                        String course = course(s, year, subject, grade);
                        section(
                                s,
                                course,
                                year,
                                subject + " " + gradeLabel(grade),
                                "SCHEDULED",
                                grade,
                                subject,
                                scheduleFor(sectionIndex),
                                sectionIndex++,
                                teacher,
                                students,
                                YEAR_START,
                                YEAR_END);
                    }
                }
                boolean fallArt = Integer.parseInt(grade.equals("KG") ? "0" : grade) % 2 == 1;
                String artCourse = course(s, year, "Art", grade);
                section(
                        s,
                        artCourse,
                        fallArt ? fall : spring,
                        "Art " + gradeLabel(grade),
                        "SCHEDULED",
                        grade,
                        "Art",
                        scheduleFor(sectionIndex),
                        sectionIndex++,
                        artTeacher,
                        students,
                        fallArt ? YEAR_START : SPRING_START,
                        fallArt ? FALL_END : YEAR_END);
            }
            return artTeacherFromSibling == null && tenant.district() ? artTeacher : artTeacherFromSibling;
        }

        private String course(String school, String yearTerm, String subject, String grade) {
            String code = SUBJECT_CODES.get(subject) + "-" + grade;
            String id = school + "-C-" + code;
            courses.add(new CourseRow(
                    id,
                    school,
                    yearTerm,
                    subject + " " + gradeLabel(grade),
                    code,
                    grade,
                    subject,
                    subjectCode(subject)));
            return id;
        }

        private void section(
                String school,
                String course,
                String termIds,
                String title,
                String classType,
                String grade,
                String subject,
                String scheduleType,
                int slot,
                PersonRow teacher,
                List<PersonRow> students,
                LocalDate begin,
                LocalDate end) {
            String id = course.replace("-C-", "-SEC-")
                    + (termIds.endsWith("-S1") ? "-F" : termIds.endsWith("-S2") ? "-S" : "");
            String room = "Room " + (100 + (slot % 30) + (classType.equals("HOMEROOM") ? 50 : 0));
            sections.add(new SectionRow(
                    id,
                    school,
                    course,
                    termIds,
                    title,
                    course.substring(course.indexOf("-C-") + 3),
                    classType,
                    room,
                    grade,
                    subject,
                    subjectCode(subject),
                    scheduleType));
            meetings(id, scheduleType, slot, room);
            enrollments.add(new EnrollmentRow(
                    id + "-" + teacher.personId(), id, teacher.personId(), "TEACHER", true, begin, end));
            for (PersonRow student : students) {
                enrollments.add(new EnrollmentRow(
                        id + "-" + student.personId(), id, student.personId(), "STUDENT", false, begin, end));
            }
        }

        /**
         * SIMPLE meets every weekday at one time; WEEKLY meets Mon/Wed/Fri at three different times (the seed's
         * example); BIWEEKLY alternates Mon/Thu in week 1 with Tue/Fri in week 2.
         */
        private void meetings(String section, String scheduleType, int slot, String room) {
            int period = slot % 6 + 1;
            switch (scheduleType) {
                case "SIMPLE" ->
                    WEEKDAYS.forEach(day -> meetings.add(
                            new MeetingRow(section, day, 1, periodStart(period), String.valueOf(period), room)));
                case "WEEKLY" -> {
                    meetings.add(
                            new MeetingRow(section, "MONDAY", 1, periodStart(period), String.valueOf(period), room));
                    meetings.add(new MeetingRow(
                            section,
                            "WEDNESDAY",
                            1,
                            periodStart(period % 6 + 1),
                            String.valueOf(period % 6 + 1),
                            room));
                    meetings.add(new MeetingRow(
                            section,
                            "FRIDAY",
                            1,
                            periodStart((period + 1) % 6 + 1),
                            String.valueOf((period + 1) % 6 + 1),
                            room));
                }
                default -> {
                    int other = (period + 2) % 6 + 1;
                    meetings.add(
                            new MeetingRow(section, "MONDAY", 1, periodStart(period), String.valueOf(period), room));
                    meetings.add(
                            new MeetingRow(section, "THURSDAY", 1, periodStart(other), String.valueOf(other), room));
                    meetings.add(
                            new MeetingRow(section, "TUESDAY", 2, periodStart(other), String.valueOf(other), room));
                    meetings.add(
                            new MeetingRow(section, "FRIDAY", 2, periodStart(period), String.valueOf(period), room));
                }
            }
        }

        private PersonRow student(String id, String[] name, String grade, String domain) {
            String username = username(name[0], name[1]);
            String middle = random.nextInt(4) == 0 ? pick(MIDDLE) : null;
            PersonRow person = new PersonRow(
                    id,
                    "STUDENT",
                    username,
                    true,
                    name[0],
                    name[1],
                    middle,
                    String.format(Locale.ROOT, "ST%07d", 1_000_000 + random.nextInt(8_999_999)),
                    username + "@students." + domain,
                    null,
                    null,
                    grade,
                    id,
                    "Winter" + (1000 + random.nextInt(9000)));
            people.add(person);
            int age = 5 + (grade.equals("KG") ? 0 : Integer.parseInt(grade));
            LocalDate birth = LocalDate.of(2026 - age - 1, 9, 2).plusDays(random.nextInt(365));
            boolean[] race = new boolean[5];
            race[random.nextInt(5)] = true;
            boolean two = random.nextInt(10) == 0;
            if (two) {
                race[(random.nextInt(4) + 1) % 5] = true;
            }
            String country = random.nextInt(8) == 0 ? pick(List.of("MX", "VN", "NG", "IN", "PL", "UA")) : "US";
            demographics.add(new DemographicsRow(
                    id,
                    birth,
                    random.nextBoolean() ? "female" : "male",
                    race[0],
                    race[1],
                    race[2],
                    race[3],
                    race[4],
                    two,
                    random.nextInt(4) == 0,
                    country,
                    country.equals("US") ? "CA" : null,
                    country.equals("US") ? pick(List.of("Sacramento", "Fresno", "San José", "Oakland")) : null,
                    random.nextInt(20) == 0 ? "01653" : "01652"));
            return person;
        }

        private PersonRow staff(String id, String role, String domain) {
            String given = pick(GIVEN);
            String family = pick(FAMILY);
            String username = username(given, family);
            PersonRow person = new PersonRow(
                    id,
                    role,
                    username,
                    true,
                    given,
                    family,
                    null,
                    id,
                    username + "@" + domain,
                    null,
                    String.format(Locale.ROOT, "+1-916-555-%04d", random.nextInt(10_000)),
                    null,
                    id,
                    null);
            people.add(person);
            return person;
        }

        /** Lower-case ASCII of the first initial and family name, numbered when taken; non-Latin names get "user". */
        private String username(String given, String family) {
            String base = ascii(given).isEmpty() ? "" : ascii(given).substring(0, 1);
            base += ascii(family);
            if (base.length() < 2) {
                base = "user";
            }
            int n = usernames.merge(base, 1, Integer::sum);
            return n == 1 && !base.equals("user") ? base : base + n;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace("ø", "o")
                .replace("ł", "l")
                .replaceAll("[^a-z]", "");
    }

    private static boolean isLowerGrade(String grade) {
        return grade.equals("KG") || Integer.parseInt(grade) <= 5;
    }

    private static String gradeLabel(String grade) {
        return grade.equals("KG") ? "Kindergarten" : "Grade " + Integer.parseInt(grade);
    }

    private static String subjectCode(String subject) {
        return "SUBJ-" + SUBJECT_CODES.get(subject);
    }

    private static String scheduleFor(int sectionIndex) {
        return switch (sectionIndex % 3) {
            case 0 -> "SIMPLE";
            case 1 -> "WEEKLY";
            default -> "BIWEEKLY";
        };
    }

    private static LocalTime periodStart(int period) {
        return LocalTime.of(8, 0).plusMinutes(55L * (period - 1));
    }
}
