package com.rostersync.monitor.history;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka-backed sync history, with the connection settings of the monitor's other consumers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HistoryProperties.class)
class HistoryConfig {

    @Bean
    KafkaRunHistory runHistory(ConsumerFactory<?, ?> consumers, JsonMapper json, HistoryProperties properties) {
        return new KafkaRunHistory(consumers.getConfigurationProperties(), json, properties);
    }
}
