package com.rostersync.extractor.change;

import com.rostersync.events.roster.RosterRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The content hash that tells a real change from a re-read: SHA-256 over the record's {@link RecordProjection}
 * (version {@value RecordProjection#VERSION}), a fixed list of fields per record type. Fields added to the contract
 * records later do not change it, and it is the same in every JVM run (the hashes outlive restarts in the state
 * topic).
 */
public final class ContentHasher {

    /** The projection version behind every hash this build stores. */
    public static final int PROJECTION_VERSION = RecordProjection.VERSION;

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    /** One digest per cycle thread: looking one up by name for each record went through the security providers. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    });

    /** One writer per cycle thread, its buffer reused for every record. */
    private static final ThreadLocal<CanonicalJson> WRITER = ThreadLocal.withInitial(CanonicalJson::new);

    public String hash(RosterRecord record) {
        return BASE64.encodeToString(WRITER.get().digest(record, SHA_256.get())).substring(0, 32);
    }
}
