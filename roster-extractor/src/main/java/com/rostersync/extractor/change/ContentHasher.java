package com.rostersync.extractor.change;

import com.rostersync.events.roster.RosterRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The content hash that tells a real change from a re-read: SHA-256 over the record's JSON with map entries sorted,
 * so the same record hashes the same in every JVM run (the hashes outlive restarts in the state topic).
 */
public final class ContentHasher {

    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public String hash(RosterRecord record) {
        byte[] bytes = json.writeValueAsBytes(record);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
