package com.rostersync.mapper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SchoolPartitionTest {

    @Test
    void computesTheSamePartitionAsTheProducersDefaultPartitioner() {
        for (String key : new String[] {"maple/MHS", "oak/SRAISE", "t/\u0428\u043a\u043e\u043b\u0430-7", "x/1"}) {
            for (int partitions = 1; partitions <= 12; partitions++) {
                assertThat(SchoolCycleRunner.partitionOf(key, partitions))
                        .isEqualTo(
                                BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}
