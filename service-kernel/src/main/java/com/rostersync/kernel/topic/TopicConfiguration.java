package com.rostersync.kernel.topic;

import com.rostersync.kernel.config.RosterSyncProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the platform's topics with the connection settings of Boot's {@link KafkaAdmin}. */
@Configuration(proxyBeanMethods = false)
public class TopicConfiguration {

    @Bean
    TopicDeclarer topicDeclarer(KafkaAdmin admin, RosterSyncProperties properties) {
        return new TopicDeclarer(
                admin.getConfigurationProperties(),
                PlatformTopics.all(properties.topics()),
                properties.topics().declareTimeout());
    }
}
