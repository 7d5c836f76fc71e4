package com.rostersync.extractor.change;

import com.rostersync.events.roster.RosterRecord;
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

    /** One writer (buffer and digest) per cycle thread, reused for every record. */
    private static final ThreadLocal<CanonicalJson> WRITER = ThreadLocal.withInitial(CanonicalJson::new);

    public String hash(RosterRecord record) {
        return BASE64.encodeToString(WRITER.get().sha256(record)).substring(0, 32);
    }
}
