package com.rostersync.extractor.change;

import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Meeting;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fields of each record type that change detection hashes: an explicit list per type, so a field added to a
 * contract record changes no stored hash until it is listed here. Version 1 lists every field the records had when
 * hashes were first stored, in their order and with their absent values, so its hashes equal the stored ones and an
 * upgrade republishes nothing. A field listed later must be {@link #later later}: left out while it has no value,
 * which keeps every existing hash. Removing or reordering a listed field is a new {@link #VERSION}, and costs one full
 * republish of every school after the upgrade.
 */
final class RecordProjection {

    /** Which list of fields a stored hash was made from. */
    static final int VERSION = 1;

    /** Receives the hashed fields of one record, in their order. */
    interface Fields {
        void field(String name, Object value);
    }

    private final Fields fields;

    private RecordProjection(Fields fields, String entity) {
        this.fields = fields;
        fields.field("entity", entity);
    }

    /** The record's hashed fields, by name in a fixed order; data maps sorted by key. */
    static Map<String, Object> of(RosterRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        project(record, fields::put);
        return fields;
    }

    /** Gives {@code fields} the record's hashed fields, in a fixed order; data maps sorted by key. */
    static void project(RosterRecord record, Fields fields) {
        if (record instanceof School school) {
            new RecordProjection(fields, "SCHOOL")
                    .field("sourcedId", school.sourcedId())
                    .field("name", school.name())
                    .field("identifier", school.identifier())
                    .field("districtSourcedId", school.districtSourcedId())
                    .field("districtName", school.districtName())
                    .later("metadata", school.metadata());
            return;
        }
        if (record instanceof Term term) {
            new RecordProjection(fields, "TERM")
                    .field("sourcedId", term.sourcedId())
                    .field("schoolSourcedId", term.schoolSourcedId())
                    .field("title", term.title())
                    .field("type", term.type())
                    .field("startDate", term.startDate())
                    .field("endDate", term.endDate())
                    .field("parentSourcedId", term.parentSourcedId())
                    .field("schoolYear", term.schoolYear())
                    .later("metadata", term.metadata());
            return;
        }
        if (record instanceof Course course) {
            new RecordProjection(fields, "COURSE")
                    .field("sourcedId", course.sourcedId())
                    .field("schoolSourcedId", course.schoolSourcedId())
                    .field("schoolYearSourcedId", course.schoolYearSourcedId())
                    .field("title", course.title())
                    .field("courseCode", course.courseCode())
                    .field("grades", course.grades())
                    .field("subjects", course.subjects())
                    .field("subjectCodes", course.subjectCodes())
                    .later("metadata", course.metadata());
            return;
        }
        if (record instanceof Section section) {
            new RecordProjection(fields, "SECTION")
                    .field("sourcedId", section.sourcedId())
                    .field("schoolSourcedId", section.schoolSourcedId())
                    .field("courseSourcedId", section.courseSourcedId())
                    .field("termSourcedIds", section.termSourcedIds())
                    .field("title", section.title())
                    .field("classCode", section.classCode())
                    .field("classType", section.classType())
                    .field("location", section.location())
                    .field("grades", section.grades())
                    .field("subjects", section.subjects())
                    .field("subjectCodes", section.subjectCodes())
                    .field("scheduleType", section.scheduleType())
                    .field("meetings", meetings(section.meetings()))
                    .field("periods", section.periods())
                    .later("metadata", section.metadata());
            return;
        }
        if (record instanceof Person person) {
            new RecordProjection(fields, "PERSON")
                    .field("sourcedId", person.sourcedId())
                    .field("orgSourcedIds", person.orgSourcedIds())
                    .field("role", person.role())
                    .field("username", person.username())
                    .field("enabled", person.enabled())
                    .field("givenName", person.givenName())
                    .field("familyName", person.familyName())
                    .field("middleName", person.middleName())
                    .field("identifier", person.identifier())
                    .field("email", person.email())
                    .field("sms", person.sms())
                    .field("phone", person.phone())
                    .field("grades", person.grades())
                    .field("userIds", person.userIds())
                    .field("agentSourcedIds", person.agentSourcedIds())
                    .later("metadata", person.metadata());
            return;
        }
        if (record instanceof Enrollment enrollment) {
            new RecordProjection(fields, "ENROLLMENT")
                    .field("sourcedId", enrollment.sourcedId())
                    .field("schoolSourcedId", enrollment.schoolSourcedId())
                    .field("sectionSourcedId", enrollment.sectionSourcedId())
                    .field("personSourcedId", enrollment.personSourcedId())
                    .field("role", enrollment.role())
                    .field("primary", enrollment.primary())
                    .field("beginDate", enrollment.beginDate())
                    .field("endDate", enrollment.endDate())
                    .later("metadata", enrollment.metadata());
            return;
        }
        if (record instanceof Demographics demographics) {
            new RecordProjection(fields, "DEMOGRAPHICS")
                    .field("sourcedId", demographics.sourcedId())
                    .field("birthDate", demographics.birthDate())
                    .field("sex", demographics.sex())
                    .field("americanIndianOrAlaskaNative", demographics.americanIndianOrAlaskaNative())
                    .field("asian", demographics.asian())
                    .field("blackOrAfricanAmerican", demographics.blackOrAfricanAmerican())
                    .field("nativeHawaiianOrOtherPacificIslander", demographics.nativeHawaiianOrOtherPacificIslander())
                    .field("white", demographics.white())
                    .field("demographicRaceTwoOrMoreRaces", demographics.demographicRaceTwoOrMoreRaces())
                    .field("hispanicOrLatinoEthnicity", demographics.hispanicOrLatinoEthnicity())
                    .field("countryOfBirthCode", demographics.countryOfBirthCode())
                    .field("stateOfBirthAbbreviation", demographics.stateOfBirthAbbreviation())
                    .field("cityOfBirth", demographics.cityOfBirth())
                    .field("publicSchoolResidenceStatus", demographics.publicSchoolResidenceStatus())
                    .later("metadata", demographics.metadata());
            return;
        }
        throw new IllegalArgumentException(
                "no hash projection for " + record.getClass().getSimpleName());
    }

    /** A field of the first version: always present, null when absent. */
    private RecordProjection field(String name, Object value) {
        fields.field(name, value instanceof Map<?, ?> map && !isSortedByKey(map) ? new TreeMap<>(map) : value);
        return this;
    }

    /** A drop's user ids come as a tree map in natural order; copying each again was a twentieth of a cycle. */
    private static boolean isSortedByKey(Map<?, ?> map) {
        return map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null;
    }

    /** A field listed after records were first hashed: left out while empty, so existing hashes stay. */
    private RecordProjection later(String name, Object value) {
        boolean empty = value == null
                || (value instanceof Map<?, ?> map && map.isEmpty())
                || (value instanceof List<?> list && list.isEmpty())
                || (value instanceof String text && text.isEmpty());
        return empty ? this : field(name, value);
    }

    private static List<Map<String, Object>> meetings(List<Meeting> meetings) {
        if (meetings == null) {
            return null;
        }
        List<Map<String, Object>> projected = new ArrayList<>(meetings.size());
        for (Meeting meeting : meetings) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("day", meeting.day());
            fields.put("week", meeting.week());
            fields.put("start", meeting.start());
            fields.put("period", meeting.period());
            fields.put("location", meeting.location());
            projected.add(fields);
        }
        return projected;
    }
}
