package com.rostersync.kernel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.roster.Enrollment;
import com.rostersync.events.roster.Person;
import com.rostersync.events.roster.Role;
import com.rostersync.events.roster.RosterRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
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
    void theServicesMapperReadsIsoDatesWithoutAFormatter() {
        runner.run(context -> assertThat(context.getBean(JsonMapper.class).registeredModules())
                .anyMatch(module -> module.getModuleName().equals("rostersync-iso-local-dates")));
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

    @Configuration(proxyBeanMethods = false)
    static class RecordsTopic {

        @Bean
        ConsumedTopic records() {
            return new ConsumedTopic(TOPIC, RosterRecord.class);
        }
    }
}
