package com.rostersync.mapper.pipeline;

import com.rostersync.events.Keys;
import com.rostersync.mapper.roster.SchoolMeta;
import com.rostersync.mapper.state.StateEntry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Reads a school's stored metadata from this instance's stores, for diagnostics and tests. */
public final class SchoolStates {

    private final StreamsBuilderFactoryBean streams;

    SchoolStates(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /**
     * The school's metadata, or null when this instance does not hold it. Throws Kafka Streams'
     * {@code InvalidStateStoreException} while the stores are still being restored.
     */
    public SchoolMeta meta(String tenantId, String schoolId) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            return null;
        }
        ReadOnlyKeyValueStore<String, StateEntry> metas = running.store(
                StoreQueryParameters.fromNameAndType(MapperTopology.META_STORE, QueryableStoreTypes.keyValueStore()));
        StateEntry entry = metas.get(Keys.school(tenantId, schoolId));
        return entry == null ? null : entry.meta();
    }
}
