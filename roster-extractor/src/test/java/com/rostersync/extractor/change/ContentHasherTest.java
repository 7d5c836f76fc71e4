package com.rostersync.extractor.change;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class ContentHasherTest {

    /** Text that JSON must escape, and text it must not: the two hash inputs have to agree on every character. */
    private static final String TRICKY = "O'Brien \"Jr\" \\ a/b\n\t\r\b\f\u0001\u001f é Zoé 漢字 \u2028 😀";

    private final ContentHasher hasher = new ContentHasher();

    @Test
    void hashesEveryRecordTypeExactlyAsTheWholeRecordJsonWasHashedBefore() {
        for (RosterRecord record : everyType(Map.of())) {
            assertThat(hasher.hash(record)).as(record.entityType().name()).isEqualTo(legacyHash(record));
        }
        for (RosterRecord record : everyType(Map.of("phonetic", TRICKY, "a", "1"))) {
            assertThat(hasher.hash(record)).as(record.entityType().name()).isEqualTo(legacyHash(record));
        }
        for (RosterRecord record : sparse()) {
            assertThat(hasher.hash(record)).as(record.entityType().name()).isEqualTo(legacyHash(record));
        }
    }

    @Test
    void theHashOfAStoredRecordStaysWhatItWas() {
        School school = new School("MHS", "Maple High", "0042", "D1", "Maple District");

        // Stored in state topics since the first release: a different value here republishes every record.
        assertThat(hasher.hash(school)).isEqualTo(legacyHash(school)).isEqualTo("KHrKPuQ-W0hKYt05uSaIE-a1dPGJAj97");
    }

    @Test
    void aRecordHashedAfterALongerOneOnTheSameThreadHashesAsOnItsOwn() {
        // Each cycle thread writes every record into one reused buffer: nothing of a longer record may stay in it.
        School school = new School("MHS", "Maple High", "0042", "D1", "Maple District");
        School longer = new School(
                "MHS",
                "Maple High ".repeat(200) + TRICKY,
                "0042",
                "D1",
                "Maple District",
                Map.of("note", "x".repeat(5_000)));

        String before = hasher.hash(school);
        String longerHash = hasher.hash(longer);

        assertThat(hasher.hash(school)).isEqualTo(before).isEqualTo("KHrKPuQ-W0hKYt05uSaIE-a1dPGJAj97");
        assertThat(longerHash).isEqualTo(legacyHash(longer));
    }

    @Test
    void fieldsANewerProducerAddedDoNotChangeTheHash() {
        JsonMapper json = JsonMapper.builder().build();
        Person known = (Person) everyType(Map.of()).get(4);
        String newer = json.writeValueAsString(known)
                .replace("\"sourcedId\"", "\"pronouns\":\"she/her\",\"preferredName\":{\"given\":\"x\"},\"sourcedId\"");

        Person read = (Person) json.readValue(newer, RosterRecord.class);

        assertThat(newer).contains("pronouns");
        assertThat(hasher.hash(read)).isEqualTo(hasher.hash(known));
    }

    @Test
    void userIdsHashInKeyOrderWhateverMapHoldsThem() {
        Person person = (Person) everyType(Map.of()).get(4);
        Map<String, String> insertedBackwards = new LinkedHashMap<>();
        insertedBackwards.put("sis", "1001");
        insertedBackwards.put("district", "D-9");
        insertedBackwards.put("alpha", "a");
        Map<String, String> reverseTree = new TreeMap<>(Comparator.reverseOrder());
        reverseTree.putAll(insertedBackwards);

        // A drop reads them into a tree map in natural order, which is hashed as it comes.
        for (Map<String, String> ids : List.of(new TreeMap<>(insertedBackwards), insertedBackwards, reverseTree)) {
            Person held = copy(person, person.givenName(), ids);
            assertThat(hasher.hash(held)).as(ids.getClass().getSimpleName()).isEqualTo(legacyHash(person));
        }
    }

    /** The person with another given name and user ids. */
    private static Person copy(Person person, String givenName, Map<String, String> userIds) {
        return new Person(
                person.sourcedId(),
                person.orgSourcedIds(),
                person.role(),
                person.username(),
                person.enabled(),
                givenName,
                person.familyName(),
                person.middleName(),
                person.identifier(),
                person.email(),
                person.sms(),
                person.phone(),
                person.grades(),
                userIds,
                person.agentSourcedIds());
    }

    @Test
    void noExtensionColumnsAndEmptyExtensionColumnsHashTheSame() {
        School without = new School("MHS", "Maple High", "0042", "D1", "Maple District", null);
        School empty = new School("MHS", "Maple High", "0042", "D1", "Maple District", Map.of());

        assertThat(hasher.hash(without)).isEqualTo(hasher.hash(empty));
    }

    @Test
    void changingAHashedFieldChangesTheHash() {
        Person person = (Person) everyType(Map.of()).get(4);
        Person renamed = copy(person, "Other", person.userIds());
        Person extended = (Person) everyType(Map.of("phonetic", "kim")).get(4);

        assertThat(hasher.hash(renamed)).isNotEqualTo(hasher.hash(person));
        assertThat(hasher.hash(extended)).isNotEqualTo(hasher.hash(person));
    }

    @Test
    void everyFieldOfEveryRecordTypeIsListedInTheProjection() {
        // A new record field is a decision: list it in RecordProjection (as a later field) or leave it unhashed here.
        Set<String> unhashed = Set.of();
        for (RosterRecord record : everyType(Map.of("a", "1"))) {
            Set<String> components = Arrays.stream(record.getClass().getRecordComponents())
                    .map(RecordComponent::getName)
                    .filter(name -> !unhashed.contains(name))
                    .collect(Collectors.toSet());

            assertThat(RecordProjection.of(record).keySet())
                    .as(record.getClass().getSimpleName())
                    .containsAll(components)
                    .hasSize(components.size() + 1);
        }
    }

    @Test
    void textOfEveryKindHashesAsTheRecordJsonWhateverItsMixOfAsciiEscapesAndWideCharacters() {
        // Characters from each width of UTF-8 and each escape, in random mixes: a character encoded differently from
        // the JSON the stored hashes came from would republish every record holding it.
        char[] kinds = {
            'a', 'Z', '"', '\\', '\n', '\u0001', '\u007f', '\u00e9', '\u00ff', '\u05db', '\u07ff', '\u0800', '\u2028',
            '\u6f22', '\uffff'
        };
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                if (random.nextInt(6) == 0) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                } else {
                    text.append(kinds[random.nextInt(kinds.length)]);
                }
            }
            School school = new School("MHS", text.toString(), "0042", "D1", "Maple District");
            assertThat(hasher.hash(school))
                    .as("name %s", text.codePoints().boxed().toList())
                    .isEqualTo(legacyHash(school));
        }
    }

    @Test
    void aLoneSurrogateHashesAsAQuestionMarkAsItAlwaysDid() {
        // String.getBytes wrote an unpaired surrogate as '?' when the first hashes were stored.
        for (String[] pair : new String[][] {
            {"a\uD800b", "a?b"},
            {"\uDC00", "?"},
            {"\u00e9\uD83D", "\u00e9?"},
            {"\uDC00\uD800", "??"},
            {"\uD800\uD83D\uDE00", "?\uD83D\uDE00"}
        }) {
            School lone = new School("MHS", pair[0], "0042", "D1", "Maple District");
            School replaced = new School("MHS", pair[1], "0042", "D1", "Maple District");
            assertThat(hasher.hash(lone)).as(pair[1]).isEqualTo(hasher.hash(replaced));
        }
    }

    /** What the extractor hashed before the projection: the record's whole JSON, map entries sorted. */
    private static String legacyHash(RosterRecord record) {
        JsonMapper json = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(record));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 32);
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<RosterRecord> everyType(Map<String, String> metadata) {
        return List.of(
                new School("MHS", TRICKY, "0042", "D1", "Maple District", metadata),
                new Term(
                        "T1",
                        "MHS",
                        TRICKY,
                        TermType.SEMESTER,
                        LocalDate.of(2026, 8, 24),
                        LocalDate.of(2027, 1, 22),
                        "Y1",
                        2027,
                        metadata),
                new Course(
                        "C1",
                        "MHS",
                        "Y1",
                        TRICKY,
                        "ALG1",
                        List.of("09", "10"),
                        List.of("Math"),
                        List.of("02052"),
                        metadata),
                new Section(
                        "S1",
                        "MHS",
                        "C1",
                        List.of("T1", "T2"),
                        TRICKY,
                        "ALG1-01",
                        ClassType.SCHEDULED,
                        "Room 2",
                        List.of("09"),
                        List.of("Math"),
                        List.of("02052"),
                        ScheduleType.BIWEEKLY,
                        List.of(
                                new Meeting(DayOfWeek.MONDAY, 1, LocalTime.of(9, 0), "1", "R2"),
                                new Meeting(DayOfWeek.FRIDAY, 2, LocalTime.of(13, 45, 30), "6", null)),
                        List.of("1"),
                        metadata),
                new Person(
                        "U1",
                        List.of("MHS", "MMS"),
                        Role.STUDENT,
                        "stu1",
                        true,
                        TRICKY,
                        "Okafor-Lee",
                        null,
                        "S-1",
                        "stu1@maple.example.org",
                        null,
                        "+1 555",
                        List.of("09"),
                        Map.of("sis", "1001", "district", "D-9", "alpha", "a"),
                        List.of("G1"),
                        metadata),
                new Enrollment("E1", "MHS", "S1", "U1", Role.TEACHER, true, LocalDate.of(2026, 8, 24), null, metadata),
                new Demographics(
                        "U1",
                        LocalDate.of(2011, 4, 2),
                        "female",
                        null,
                        false,
                        null,
                        null,
                        true,
                        null,
                        false,
                        "US",
                        "OR",
                        TRICKY,
                        null,
                        metadata));
    }

    /** Records with every optional field absent. */
    private static List<RosterRecord> sparse() {
        return List.of(
                new School("MHS", null, null, null, null),
                new Term("T1", null, null, null, null, null, null, 0),
                new Course("C1", null, null, null, null, null, null, null),
                new Section("S1", null, null, null, null, null, null, null, null, null, null, null, null, null),
                new Person("U1", null, null, null, false, null, null, null, null, null, null, null, null, null, null),
                new Enrollment("E1", null, null, null, null, null, null, null),
                new Demographics("U1", null, null, null, null, null, null, null, null, null, null, null, null, null));
    }
}
