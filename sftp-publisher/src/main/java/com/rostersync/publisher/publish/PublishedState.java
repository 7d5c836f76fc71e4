package com.rostersync.publisher.publish;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The last complete file set a destination received, kept in the compacted {@code Topics.PUBLISHER_STATE} topic
 * (key: destination id) so that a restarted publisher does not upload unchanged content again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishedState(
        int schemaVersion,
        String destinationId,
        String tenantId,
        String contentHash,
        Instant uploadedAt,
        int files,
        long bytes) {}
