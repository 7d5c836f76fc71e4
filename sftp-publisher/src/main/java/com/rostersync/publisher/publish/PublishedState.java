package com.rostersync.publisher.publish;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.rostersync.publisher.upload.Placement;
import java.time.Instant;

/**
 * The last complete file set a destination received, kept in the compacted {@code Topics.PUBLISHER_STATE} topic
 * (key: destination id) so that a restarted publisher does not upload unchanged content again. {@code files} and
 * {@code bytes} are what that upload sent; {@code placement} the files the folder held after it, so that the next
 * upload sends only what changed. A state written before placements were kept has none (the next upload sends all).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishedState(
        int schemaVersion,
        String destinationId,
        String tenantId,
        String contentHash,
        Instant uploadedAt,
        int files,
        long bytes,
        Placement placement) {}
