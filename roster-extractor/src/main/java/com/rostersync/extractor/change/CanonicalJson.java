package com.rostersync.extractor.change;

import com.rostersync.events.roster.RosterRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The bytes a content hash is taken over: compact JSON of a {@link RecordProjection} in UTF-8, written here rather than
 * by a JSON library so that no library upgrade or mapper setting can change a stored hash. It writes exactly what the
 * records' JSON looked like when hashes were first stored (a test compares the two). One writer per cycle thread,
 * reused for every record: the projection's fields go straight into its buffer, with no map, string or copy between
 * (the map and the string were 18% of a full read's cycle threads, docs/benchmarks.md, run P3).
 */
final class CanonicalJson implements RecordProjection.Fields {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[512];
    private int length;
    private boolean firstField;

    /** Looked up once per writer: looking one up by name for each record went through the security providers. */
    private final MessageDigest digest;

    CanonicalJson() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }

    /** The SHA-256 digest of {@code record}'s projection as one JSON object. */
    byte[] sha256(RosterRecord record) {
        length = 0;
        put('{');
        firstField = true;
        RecordProjection.project(record, this);
        put('}');
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    @Override
    public void field(String name, Object value) {
        if (!firstField) {
            put(',');
        }
        firstField = false;
        string(name);
        put(':');
        value(value);
    }

    private void value(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            put(value.toString().getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof Enum<?> constant) {
            string(constant.name());
        } else if (value instanceof LocalTime time) {
            string(DateTimeFormatter.ISO_LOCAL_TIME.format(time));
        } else if (value instanceof TemporalAccessor date) {
            string(date.toString());
        } else if (value instanceof Map<?, ?> map) {
            put('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                string(String.valueOf(entry.getKey()));
                put(':');
                value(entry.getValue());
                if (entries.hasNext()) {
                    put(',');
                }
            }
            put('}');
        } else if (value instanceof List<?> list) {
            put('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    put(',');
                }
                value(list.get(i));
            }
            put(']');
        } else {
            throw new IllegalArgumentException(
                    "no canonical JSON for " + value.getClass().getName());
        }
    }

    /** ASCII goes byte by byte; from the first other character on, the rest is escaped, then encoded as UTF-8. */
    private void string(String text) {
        put('"');
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Split before a non-ASCII character, never inside a surrogate pair: the bytes are those of the whole.
                StringBuilder rest = new StringBuilder(n - i + 8);
                for (int j = i; j < n; j++) {
                    escaped(rest, text.charAt(j));
                }
                put(rest.toString().getBytes(StandardCharsets.UTF_8));
                break;
            }
            if (c < 0x20 || c == '"' || c == '\\') {
                StringBuilder escape = new StringBuilder(6);
                escaped(escape, c);
                for (int j = 0; j < escape.length(); j++) {
                    put(escape.charAt(j));
                }
            } else {
                put(c);
            }
        }
        put('"');
    }

    private static void escaped(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (c < 0x20) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
        }
    }

    private void put(char ascii) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) ascii;
    }

    private void put(byte[] more) {
        if (length + more.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more.length));
        }
        System.arraycopy(more, 0, bytes, length, more.length);
        length += more.length;
    }
}
