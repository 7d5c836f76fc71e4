package com.rostersync.kernel.topic;

import com.rostersync.kernel.config.RosterSyncProperties;
import com.rostersync.kernel.config.TrainingRun;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the platform's topics with the connection settings of Boot's {@link KafkaAdmin}. */
@Configuration(proxyBeanMethods = false)
public class TopicConfiguration {

    /** A training run ends before anything is sent or read, so it declares nothing and needs no broker. */
    @Bean
    TopicDeclarer topicDeclarer(KafkaAdmin admin, RosterSyncProperties properties) {
        return new TopicDeclarer(
                admin.getConfigurationProperties(),
                TrainingRun.active() ? List.of() : PlatformTopics.all(properties.topics()),
                properties.topics().declareTimeout());
    }
}
