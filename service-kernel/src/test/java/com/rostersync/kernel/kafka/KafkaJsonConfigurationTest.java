package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.EntityType;
import com.rostersync.events.Topics;
import com.rostersync.events.cycle.ChangeKind;
import com.rostersync.events.cycle.RecordChanged;
import com.rostersync.events.cycle.RosterChangeEvent;
import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import com.rostersync.events.snapshot.SchoolFile;
import com.rostersync.events.snapshot.SchoolSnapshot;
import com.rostersync.events.snapshot.SnapshotFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

class KafkaJsonConfigurationTest {

    private static final String TOPIC = "roster.test-records.v1";

    // Module discovery off: the services' mapper must bind records with Blackbird because the kernel says so.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KafkaAutoConfiguration.class))
            .withUserConfiguration(KafkaJsonConfiguration.class, RecordsTopic.class)
            .withPropertyValues("spring.jackson.find-and-add-modules=false");

    private final List<RosterRecord> records = List.of(
            new Person(
                    "u1",
                    List.of("MHS", "MMS"),
                    Role.STUDENT,
                    "kim",
                    true,
                    "Kim",
                    "Park",
                    null,
                    "0042",
                    null,
                    null,
                    null,
                    List.of("05"),
                    Map.of("SIS", "s-77"),
                    List.of(),
                    Map.of("phoneticGivenName", "kim")),
            new Enrollment("e1", "MHS", "c1", "u1", Role.STUDENT, null, LocalDate.of(2026, 8, 20), null));

    @Test
    void theServicesMapperBindsRecordsWithBlackbirdWithoutModuleDiscovery() {
        runner.run(context -> assertThat(context.getBean(JsonMapper.class).registeredModules())
                .anyMatch(BlackbirdModule.class::isInstance));
    }

    @Test
    void theServicesMapperReadsAndWritesIsoDatesAndInstantsWithoutAFormatter() {
        runner.run(context -> assertThat(context.getBean(JsonMapper.class).registeredModules())
                .anyMatch(module -> module.getModuleName().equals("rostersync-iso-local-dates"))
                .anyMatch(module -> module.getModuleName().equals("rostersync-iso-instants")));
    }

    @Test
    void aRecordChangeIsWrittenToTheByteAsJacksonAloneWritesItAndReadBackEqual() {
        JsonMapper plain = JsonMapper.builder().build();
        RecordChanged change = new RecordChanged(
                1,
                "maple",
                "MHS",
                "c-42",
                ChangeKind.UPSERT,
                EntityType.ENROLLMENT,
                "e1",
                "kJ3v0-2uYw9Xh1ZpQm5T8rLc4NaBdEfG",
                records.get(1),
                Instant.parse("2026-12-01T10:15:30.123456Z"));
        runner.run(context -> {
            JsonMapper services = context.getBean(JsonMapper.class);
            String written = services.writeValueAsString(change);

            assertThat(written).isEqualTo(plain.writeValueAsString(change)).contains("2026-12-01T10:15:30.123456Z");
            assertThat(services.readValue(written, RosterChangeEvent.class)).isEqualTo(change);
        });
    }

    @Test
    void recordsAreWrittenToTheByteAsWithoutBlackbird() {
        // The extractor hashes this JSON: a byte of difference would republish every record after an upgrade.
        JsonMapper plain = JsonMapper.builder().build();
        runner.run(context -> {
            var values = KafkaJsonConfiguration.jsonValues(context.getBean(JsonMapper.class));
            for (RosterRecord record : records) {
                assertThat(new String(values.serialize(TOPIC, record))).isEqualTo(plain.writeValueAsString(record));
            }
        });
    }

    @Test
    void recordsReadBackEqualThroughTheConsumersDeserializer() {
        runner.run(context -> {
            var values = KafkaJsonConfiguration.jsonValues(context.getBean(JsonMapper.class));
            Deserializer<?> read =
                    context.getBean(DefaultKafkaConsumerFactory.class).getValueDeserializer();
            for (RosterRecord record : records) {
                assertThat(read.deserialize(TOPIC, values.serialize(TOPIC, record)))
                        .isEqualTo(record);
            }
        });
    }

    @Test
    void aTopicOfTwoTypesReadsTheOneItsTypeHeaderNamesAndRefusesAnUnknownOne() {
        runner.run(context -> {
            var values = KafkaJsonConfiguration.jsonValues(context.getBean(JsonMapper.class));
            Deserializer<?> read =
                    context.getBean(DefaultKafkaConsumerFactory.class).getValueDeserializer();
            SnapshotFile users = new SnapshotFile("users.csv", "sourcedId\r\nS-1\r\n", 1);
            SchoolFile file = new SchoolFile("maple", "MHS", users, "hash-1");
            SchoolSnapshot snapshot = new SchoolSnapshot(
                    1, "maple", "MHS", 3, "h3", Instant.parse("2026-12-01T10:00:00Z"), List.of(users), 0);

            assertThat(read.deserialize(
                            Topics.SNAPSHOTS, typed(SchoolFile.TYPE), values.serialize(Topics.SNAPSHOTS, file)))
                    .isEqualTo(file);
            assertThat(read.deserialize(
                            Topics.SNAPSHOTS, new RecordHeaders(), values.serialize(Topics.SNAPSHOTS, snapshot)))
                    .isEqualTo(snapshot);
            Headers unknown = typed("school-photo");
            assertThat(read.deserialize(Topics.SNAPSHOTS, unknown, values.serialize(Topics.SNAPSHOTS, file)))
                    .as("not misread as a snapshot: a deserialization failure, for the dead letters")
                    .isNull();
            assertThat(unknown.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER))
                    .isNotNull();
        });
    }

    private static Headers typed(String type) {
        return new RecordHeaders().add(Topics.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordsTopic {

        @Bean
        ConsumedTopic records() {
            return new ConsumedTopic(TOPIC, RosterRecord.class);
        }

        @Bean
        ConsumedTopic snapshots() {
            return new ConsumedTopic(Topics.SNAPSHOTS, SchoolSnapshot.class, Map.of(SchoolFile.TYPE, SchoolFile.class));
        }
    }
}
