package com.rostersync.mapper.pipeline;

import com.rostersync.events.Topics;
import com.rostersync.mapper.state.StateEntry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper as a Kafka Streams topology: roster changes and approval commands (both keyed by school, so one school's
 * events meet in one task) feed {@link SchoolCycleProcessor}, which keeps each school's records and metadata in two
 * persistent (RocksDB) stores with changelog topics, and the files of its last clean cycle in a third, local one;
 * snapshots (each school's file records first, on its partition), outcomes and dead letters leave through one sink
 * that picks the topic per value. Restore, standby replicas, rebalancing and parallel stream threads are Kafka
 * Streams'.
 */
final class MapperTopology {

    /**
     * Each school's current and last published records, one entry per record ({@link StateEntry#key()}), as their
     * JSON ({@link RecordStore}).
     */
    static final String RECORDS_STORE = "mapper-school-records";

    /** Each school's metadata (last version and hash, holds, approval, pending cycle), keyed by school. */
    static final String META_STORE = "mapper-school-meta";

    /**
     * Each school's files of its last clean cycle ({@link LastFiles}: a header per school, an entry per file): a local
     * cache without a changelog, since a cycle after a restart or a move reads every record anyway.
     */
    static final String FILES_STORE = "mapper-school-files";

    private MapperTopology() {}

    static void build(StreamsBuilder builder, JsonMapper json, Supplier<SchoolCycleProcessor> processors) {
        Serde<StateEntry> entries = Serdes.serdeFrom(
                (Serializer<StateEntry>) (topic, entry) -> entry == null ? null : json.writeValueAsBytes(entry),
                (Deserializer<StateEntry>)
                        (topic, bytes) -> bytes == null ? null : json.readValue(bytes, StateEntry.class));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RECORDS_STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(META_STORE), Serdes.String(), entries));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(FILES_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled());
        Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
        KStream<String, byte[]> changes = builder.stream(Topics.ROSTER_CHANGES, raw);
        KStream<String, byte[]> commands = builder.stream(Topics.COMMANDS, raw);
        changes.merge(commands)
                .process(processors::get, RECORDS_STORE, META_STORE, FILES_STORE)
                .to(
                        (key, value, context) -> value.topic(),
                        Produced.with(
                                        Serdes.String(),
                                        Serdes.serdeFrom(
                                                (Serializer<Outbound>) (topic, value) -> value.value(),
                                                (Deserializer<Outbound>) (topic, bytes) -> {
                                                    throw new UnsupportedOperationException("the sink only writes");
                                                }))
                                .withStreamPartitioner(MapperTopology::partition));
    }

    /**
     * A record that names a partition key goes where a record keyed by it would go (the producer's own murmur2
     * partitioning), so a school's file records share its snapshot's partition and order; the others are left to the
     * producer.
     */
    static Optional<Set<Integer>> partition(String topic, String key, Outbound value, int partitions) {
        if (value == null || value.partitionKey() == null) {
            return Optional.empty();
        }
        byte[] bytes = value.partitionKey().getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % partitions));
    }
}
