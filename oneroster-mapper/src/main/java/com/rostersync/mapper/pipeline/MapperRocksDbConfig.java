package com.rostersync.mapper.pipeline;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * RocksDB settings for the mapper's stores, whose one hot read is a range scan: each cycle of a school reads all its
 * records by key prefix. Kafka Streams' default universal compaction leaves a store as many overlapping sorted runs
 * (about 20 per store at 1,000 schools), and a range scan merges all of them: at that size most of the mapper's time
 * went into {@code RocksIterator.next}. Level compaction keeps one sorted run per level, so a scan reads a few files;
 * larger write buffers mean fewer, larger flushes; LZ4 shrinks the JSON values about fourfold on disk and in the page
 * cache for little CPU. Measured in docs/benchmarks.md ("1,000 schools").
 */
public final class MapperRocksDbConfig implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setCompactionStyle(CompactionStyle.LEVEL);
        options.setWriteBufferSize(32L * 1024 * 1024);
        options.setMaxWriteBufferNumber(3);
        options.setLevel0FileNumCompactionTrigger(4);
        options.setTargetFileSizeBase(64L * 1024 * 1024);
        options.setMaxBytesForLevelBase(256L * 1024 * 1024);
        options.setLevelCompactionDynamicLevelBytes(true);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        if (MapperTopology.FILES_STORE.equals(storeName)) {
            // Half a megabyte per school, written when a file changed and read once per partial cycle: caching its
            // blocks (Kafka Streams gives every store 50 MB) or 32 MB write buffers per task would only hold
            // memory outside the heap, a few hundred megabytes over three tasks.
            options.setWriteBufferSize(8L * 1024 * 1024);
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            table.setNoBlockCache(true);
            options.setTableFormatConfig(table);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing of its own to close: every setting is a plain value on Kafka Streams' Options.
    }
}
