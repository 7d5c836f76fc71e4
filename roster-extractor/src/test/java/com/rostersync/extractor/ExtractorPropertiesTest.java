package com.rostersync.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.kernel.config.RosterSyncProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ExtractorPropertiesTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void defaultsApplyWhenNothingIsSet() {
        runner.withPropertyValues("rostersync.tenants.file=/etc/tenants.yml").run(context -> {
            ExtractorProperties extractor = context.getBean(ExtractorProperties.class);
            assertThat(extractor.cyclesAtOnce())
                    .isEqualTo(ExtractorProperties.cyclesAtOnce(
                            Runtime.getRuntime().availableProcessors()));
            assertThat(extractor.callTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(extractor.watchDrops()).isTrue();
            assertThat(extractor.dropSettle()).isEqualTo(Duration.ofSeconds(1));
            RosterSyncProperties common = context.getBean(RosterSyncProperties.class);
            assertThat(common.tenants().pollInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(common.topics().partitions()).isEqualTo(3);
        });
    }

    @Test
    void unsetCyclesAtOnceAreOnePerProcessorFromTwoToFour() {
        assertThat(ExtractorProperties.cyclesAtOnce(1)).isEqualTo(2);
        assertThat(ExtractorProperties.cyclesAtOnce(2)).isEqualTo(2);
        assertThat(ExtractorProperties.cyclesAtOnce(3)).isEqualTo(3);
        assertThat(ExtractorProperties.cyclesAtOnce(64)).isEqualTo(4);
    }

    @Test
    void aPoolSizeSetIsTheCyclesAtOnce() {
        runner.withPropertyValues("rostersync.tenants.file=/etc/tenants.yml", "rostersync.extractor.pool-size=7")
                .run(context -> assertThat(
                                context.getBean(ExtractorProperties.class).cyclesAtOnce())
                        .isEqualTo(7));
    }

    @Test
    void invalidValueFailsStartupNamingTheProperty() {
        runner.withPropertyValues("rostersync.tenants.file=/etc/tenants.yml", "rostersync.extractor.pool-size=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("rostersync.extractor")
                        .hasMessageContaining("poolSize"));
    }

    @Test
    void missingTenantsFileFailsStartup() {
        runner.run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("tenants"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ExtractorProperties.class, RosterSyncProperties.class})
    static class Properties {}
}
