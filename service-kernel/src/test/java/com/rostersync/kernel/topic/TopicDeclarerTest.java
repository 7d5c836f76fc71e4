package com.rostersync.kernel.topic;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The declarer without a broker: a training run's empty declaration never asks one; a real one fails naming it. */
class TopicDeclarerTest {

    private static final Map<String, Object> NO_BROKER =
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");

    @Test
    void declaringNoTopicsNeverContactsTheBroker() {
        TopicDeclarer declarer = new TopicDeclarer(NO_BROKER, List.of(), Duration.ofSeconds(2));

        assertThatCode(declarer::declare).doesNotThrowAnyException();
    }

    @Test
    void declaringTopicsWithoutABrokerFailsStartUpNamingTheAddress() {
        TopicDeclarer declarer = new TopicDeclarer(
                NO_BROKER,
                List.of(new TopicDeclaration(Topics.ROSTER_CHANGES, 3, (short) 1, Map.of())),
                Duration.ofSeconds(2));

        assertThatThrownBy(declarer::declare)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not declare the Kafka topics at 127.0.0.1:9");
    }
}
