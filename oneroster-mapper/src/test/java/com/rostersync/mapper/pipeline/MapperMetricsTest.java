package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MapperMetricsTest {

    @Test
    void validationIssueSeriesExistAtZeroBeforeTheFirstInvalidRecord() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new MapperMetrics(registry);

        assertThat(registry.get("rostersync.mapper.validation.issues")
                        .tag("file", "users.csv")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get("rostersync.mapper.validation.issues").counters())
                .hasSize(7);
    }
}
