package com.rostersync.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.cycle.ChangeCounts;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.CycleCompleted;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.roster.Meeting;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.roster.ScheduleType;
import com.rostersync.events.roster.School;
import com.rostersync.events.roster.Section;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class EventCompatibilityTest {

    /** Strict on purpose: the records themselves, not a lenient mapper, must make old consumers tolerant. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void olderConsumerReadsANewerEventWithFieldsItDoesNotKnow() throws Exception {
        try (InputStream sample =
                getClass().getResourceAsStream("/samples/record-changed-v1-with-future-fields.json")) {
            RosterChangeEvent event = json.readValue(sample, RosterChangeEvent.class);

            assertThat(event).isInstanceOf(RecordChanged.class);
            RecordChanged changed = (RecordChanged) event;
            assertThat(changed.kind()).isEqualTo(ChangeKind.UPSERT);
            assertThat(changed.record()).isInstanceOf(Person.class);
            Person person = (Person) changed.record();
            assertThat(person.role()).isEqualTo(Role.STUDENT);
            assertThat(person.userIds()).containsEntry("sis", "1001");
        }
    }

    @Test
    void aMarkerFromAnExtractorWithoutTenantCyclesReadsWithNone() {
        String older =
                """
                {"eventType":"CycleCompleted","schemaVersion":1,"tenantId":"maple","schoolId":"MHS","cycleId":"c-1",
                 "startedAt":"2026-11-23T10:00:00Z","completedAt":"2026-11-23T10:00:01Z","counts":{},
                 "carriedForward":[]}
                """;

        CycleCompleted marker = (CycleCompleted) json.readValue(older, RosterChangeEvent.class);

        assertThat(marker.cycleId()).isEqualTo("c-1");
        assertThat(marker.tenantCycle()).isNull();
    }

    @Test
    void writesLogicalTypeNamesNotJavaClassNames() {
        RosterChangeEvent completed = new CycleCompleted(
                SchemaVersion.CURRENT,
                "maple",
                "MHS",
                "c-1",
                Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-11-23T10:00:01Z"),
                Map.of(EntityType.PERSON, new ChangeCounts(10, 2, 1)),
                Set.of());

        String text = json.writeValueAsString(completed);

        assertThat(text).contains("\"eventType\":\"CycleCompleted\"").doesNotContain("com.rostersync");
        assertThat(json.readValue(text, RosterChangeEvent.class)).isEqualTo(completed);
    }

    @Test
    void sectionWithMeetingsSurvivesTheWire() {
        Section section = new Section(
                "sec-1",
                "MHS",
                "crs-1",
                List.of("t1"),
                "Algebra, \"Honors\"",
                "ALG-1",
                com.rostersync.events.roster.ClassType.SCHEDULED,
                "Room 2",
                List.of("09"),
                List.of(),
                List.of(),
                ScheduleType.WEEKLY,
                List.of(new Meeting(DayOfWeek.MONDAY, 1, LocalTime.of(9, 0), "1", "R2")),
                List.of());
        RecordChanged changed = new RecordChanged(
                SchemaVersion.CURRENT,
                "maple",
                "MHS",
                "c-1",
                ChangeKind.UPSERT,
                EntityType.SECTION,
                "sec-1",
                "h",
                section,
                Instant.parse("2026-11-23T10:00:00Z"));

        String text = json.writeValueAsString(changed);

        assertThat(text).contains("\"entity\":\"SECTION\"");
        assertThat(json.readValue(text, RosterChangeEvent.class)).isEqualTo(changed);
    }

    @Test
    void aRecordWithoutExtensionColumnsWritesExactlyTheJsonItWroteBeforeTheyExisted() {
        School school = new School("MHS", "Maple High", "0042", "D1", "Maple District");

        String text = json.writeValueAsString(school);

        // The extractor hashes this JSON: any new key would republish every record after an upgrade.
        assertThat(text)
                .isEqualTo("{\"entity\":\"SCHOOL\",\"sourcedId\":\"MHS\",\"name\":\"Maple High\","
                        + "\"identifier\":\"0042\",\"districtSourcedId\":\"D1\",\"districtName\":\"Maple District\"}");
        assertThat(json.readValue(text, RosterRecord.class)).isEqualTo(school);
        assertThat(((School) json.readValue(text, RosterRecord.class)).metadata())
                .isEmpty();
    }

    @Test
    void extensionColumnsTravelWithTheRecord() {
        Person person = new Person(
                "u1",
                List.of("MHS"),
                Role.STUDENT,
                "kim",
                true,
                "Kim",
                "Park",
                null,
                null,
                null,
                null,
                null,
                List.of("05"),
                Map.of(),
                List.of(),
                Map.of("phoneticGivenName", "kim"));

        String text = json.writeValueAsString(person);

        assertThat(text).contains("\"metadata\":{\"phoneticGivenName\":\"kim\"}");
        assertThat(json.readValue(text, RosterRecord.class)).isEqualTo(person);
    }
}
