package com.rostersync.mapper.snapshot;

import com.rostersync.events.roster.ClassType;
import com.rostersync.events.roster.Course;
import com.rostersync.events.roster.Demographics;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import com.rostersync.events.roster.Term;
import com.rostersync.events.roster.TermType;
import com.rostersync.mapper.snapshot.Rows.AcademicSessionRow;
import com.rostersync.mapper.snapshot.Rows.ClassRow;
import com.rostersync.mapper.snapshot.Rows.CourseRow;
import com.rostersync.mapper.snapshot.Rows.DemographicsRow;
import com.rostersync.mapper.snapshot.Rows.EnrollmentRow;
import com.rostersync.mapper.snapshot.Rows.OrgRow;
import com.rostersync.mapper.snapshot.Rows.UserRow;
import com.rostersync.oneroster.ListField;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;

/**
 * Canonical roster records to OneRoster 1.1 rows. Bulk files leave {@code status} and {@code dateLastModified} blank,
 * and {@code password} is always blank (seed rule: usernames go, passwords never). The default methods are the
 * value formats MapStruct cannot infer: OneRoster's lowercase camel vocabularies, ISO dates, list and userIds fields.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface RosterRowMapper {

    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "type", constant = "school")
    @Mapping(target = "parentSourcedId", source = "districtSourcedId")
    OrgRow schoolOrg(School school);

    @Mapping(target = "sourcedId", source = "districtSourcedId")
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "name", source = "districtName")
    @Mapping(target = "type", constant = "district")
    @Mapping(target = "identifier", ignore = true)
    @Mapping(target = "parentSourcedId", ignore = true)
    OrgRow districtOrg(School school);

    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    AcademicSessionRow academicSession(Term term);

    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "orgSourcedId", source = "schoolSourcedId")
    CourseRow course(Course course);

    @Mapping(target = "sourcedId", source = "section.sourcedId")
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "title", source = "section.title")
    @Mapping(target = "grades", source = "section.grades")
    @Mapping(target = "periods", source = "resolvedPeriods")
    ClassRow classRow(Section section, List<String> resolvedPeriods);

    @Mapping(target = "sourcedId", source = "person.sourcedId")
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "enabledUser", source = "person.enabled")
    @Mapping(target = "orgSourcedIds", source = "orgsInSnapshot")
    @Mapping(target = "agentSourcedIds", source = "agentsInSnapshot")
    @Mapping(target = "grades", source = "person.grades")
    @Mapping(target = "password", ignore = true)
    UserRow user(Person person, List<String> orgsInSnapshot, List<String> agentsInSnapshot);

    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "classSourcedId", source = "sectionSourcedId")
    @Mapping(target = "userSourcedId", source = "personSourcedId")
    EnrollmentRow enrollment(Enrollment enrollment);

    @Mapping(target = "status", ignore = true)
    @Mapping(target = "dateLastModified", ignore = true)
    @Mapping(target = "sex", source = "sex", qualifiedByName = "sex")
    DemographicsRow demographics(Demographics demographics);

    default String list(List<String> values) {
        return values == null ? null : ListField.join(values);
    }

    default String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** users.csv userIds: {@code {type:id}} entries, sorted by type so the file is deterministic. */
    default String userIds(Map<String, String> ids) {
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        StringBuilder entries = new StringBuilder();
        for (Map.Entry<String, String> id : (ids.size() == 1 ? ids : new TreeMap<>(ids)).entrySet()) {
            if (!entries.isEmpty()) {
                entries.append(',');
            }
            entries.append('{')
                    .append(id.getKey())
                    .append(':')
                    .append(id.getValue())
                    .append('}');
        }
        return entries.toString();
    }

    default String role(Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }

    default String classType(ClassType type) {
        return type == null ? null : type.name().toLowerCase(Locale.ROOT);
    }

    default String sessionType(TermType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case SCHOOL_YEAR -> "schoolYear";
            case SEMESTER -> "semester";
            case TERM -> "term";
            case GRADING_PERIOD -> "gradingPeriod";
            case UNKNOWN -> null;
        };
    }

    @Named("sex")
    default String sex(String sex) {
        return Vocabulary.sex(sex);
    }
}
