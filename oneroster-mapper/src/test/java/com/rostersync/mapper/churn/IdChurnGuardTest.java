package com.rostersync.mapper.churn;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.IdChange;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.Section;
import com.rostersync.mapper.Fixtures;
import com.rostersync.mapper.roster.RecordKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdChurnGuardTest {

    @Test
    void matchesAReKeyedStudentOnUsernameIgnoringCase() {
        Person old = Fixtures.student("S-1", "A", "B");
        Person renamed = person("NEW-1", "S-1 ".toUpperCase(), null, null);

        assertThat(IdChurnGuard.match(keyed(old), keyed(renamed)))
                .containsExactly(new IdChange(EntityType.PERSON, "S-1", "NEW-1", "username"));
    }

    @Test
    void fallsBackToIdentifierThenEmail() {
        Person byIdentifier = person("OLD-1", "a", "ID-1", null);
        Person byEmail = person("OLD-2", "b", null, "kid@example.org");
        List<IdChange> changes = IdChurnGuard.match(
                keyed(byIdentifier, byEmail),
                keyed(person("NEW-1", "x", "ID-1", null), person("NEW-2", "y", null, "KID@example.org")));

        assertThat(changes)
                .extracting(IdChange::newSourcedId, IdChange::matchedOn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("NEW-1", "identifier"),
                        org.assertj.core.groups.Tuple.tuple("NEW-2", "email"));
    }

    @Test
    void matchesAClassOnItsCodeWithinTheSameSchoolOnly() {
        Section old = Fixtures.mwfMath();
        Section sameCode = withIdAndSchool(old, "SEC-NEW", old.schoolSourcedId());
        Section otherSchool = withIdAndSchool(old, "SEC-ELSEWHERE", "OTHER");

        assertThat(IdChurnGuard.match(keyed(old), keyed(otherSchool))).isEmpty();
        assertThat(IdChurnGuard.match(keyed(old), keyed(sameCode)))
                .containsExactly(new IdChange(EntityType.SECTION, old.sourcedId(), "SEC-NEW", "classCode"));
    }

    @Test
    void anArchivedRecordIsMatchedOnceAndUnrelatedCreatesAreNot() {
        Person old = Fixtures.student("S-1", "A", "B");
        List<IdChange> changes = IdChurnGuard.match(
                keyed(old), keyed(person("NEW-1", "s-1", null, null), person("NEW-2", "s-1", null, null)));
        assertThat(changes).extracting(IdChange::newSourcedId).containsExactly("NEW-1");
        assertThat(IdChurnGuard.match(keyed(old), keyed(Fixtures.student("S-2", "C", "D"))))
                .isEmpty();
    }

    @Test
    void theOldRowsOfAReKeyedStudentAreExplainedByIt() {
        Map<RecordKey, RosterRecord> archives = keyed(
                Fixtures.student("S-1", "A", "B"),
                Fixtures.demographics("S-1"),
                Fixtures.enrollment("E-1", "SEC-1", "S-1", Role.STUDENT, null),
                Fixtures.enrollment("E-2", "SEC-1", "S-2", Role.STUDENT, null));
        var explained =
                IdChurnGuard.explained(List.of(new IdChange(EntityType.PERSON, "S-1", "NEW-1", "username")), archives);
        assertThat(explained)
                .containsExactlyInAnyOrder(
                        new RecordKey(EntityType.PERSON, "S-1"),
                        new RecordKey(EntityType.DEMOGRAPHICS, "S-1"),
                        new RecordKey(EntityType.ENROLLMENT, "E-1"));
    }

    private static Person person(String id, String username, String identifier, String email) {
        return new Person(
                id,
                List.of(Fixtures.SCHOOL),
                Role.STUDENT,
                username,
                true,
                "G",
                "F",
                null,
                identifier,
                email,
                null,
                null,
                null,
                null,
                null);
    }

    private static Section withIdAndSchool(Section s, String id, String school) {
        return new Section(
                id,
                school,
                s.courseSourcedId(),
                s.termSourcedIds(),
                s.title(),
                s.classCode(),
                s.classType(),
                s.location(),
                s.grades(),
                s.subjects(),
                s.subjectCodes(),
                s.scheduleType(),
                s.meetings(),
                s.periods());
    }

    private static Map<RecordKey, RosterRecord> keyed(RosterRecord... records) {
        return Fixtures.keyed(List.of(records));
    }
}
