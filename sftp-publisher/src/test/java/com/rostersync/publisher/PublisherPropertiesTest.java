package com.rostersync.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.publisher.config.PublisherProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class PublisherPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WithPublisherProperties.class);

    @Test
    void defaultsAreUsableWithoutAnySetting() {
        context.run(started -> {
            PublisherProperties properties = started.getBean(PublisherProperties.class);
            assertThat(properties.poolSize()).isEqualTo(8);
            assertThat(properties.transferTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.retry().maxAttempts()).isEqualTo(4);
            assertThat(properties.temporarySuffix()).isEqualTo(".rostersync-part");
        });
    }

    @Test
    void anInvalidSettingStopsTheStartNamingTheProperty() {
        context.withPropertyValues("rostersync.publisher.pool-size=0", "rostersync.publisher.retry.jitter=2")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("poolSize")
                        .hasMessageContaining("retry.jitter"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PublisherProperties.class)
    static class WithPublisherProperties {}
}
