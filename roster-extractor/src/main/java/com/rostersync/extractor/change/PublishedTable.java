package com.rostersync.extractor.change;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The published records of one school and type, packed into a few primitive arrays instead of a map of strings: the
 * sourcedIds' UTF-8 bytes in one arena, a 64-bit fingerprint of each content hash, and an open-addressing index. About
 * 25 bytes plus the id per record, against about 170 for a {@code HashMap<String, String>}, so that the hashes of a
 * whole platform (millions of records) fit a small heap. A fingerprint, not the hash text, is compared: two different
 * SHA-256 hashes share one only with probability 2^-64. Not thread-safe: one cycle of a tenant at a time uses it.
 */
final class PublishedTable {

    private static final int EMPTY = -1;

    private byte[] arena = new byte[64];
    private int arenaEnd;
    private int garbage;
    private int[] idStart = new int[4];
    private int[] idLength = new int[4];
    private int[] idHash = new int[4];
    private long[] fingerprint = new long[4];
    private int size;
    private int[] slots = emptySlots(8);

    int size() {
        return size;
    }

    boolean contains(String id) {
        return find(bytes(id)) >= 0;
    }

    /** {@link #contains(String)} for a key already encoded and hashed, to look one id up in many schools. */
    boolean contains(byte[] key, int hash) {
        return find(key, hash) >= 0;
    }

    /** Whether {@code id} was published with this content hash. */
    boolean matches(String id, String hash) {
        int entry = find(bytes(id));
        return entry >= 0 && fingerprint[entry] == fingerprintOf(hash);
    }

    void put(String id, String hash) {
        byte[] key = bytes(id);
        int entry = find(key);
        if (entry >= 0) {
            fingerprint[entry] = fingerprintOf(hash);
            return;
        }
        if ((size + 1) * 4L > slots.length * 3L) {
            rehash(slots.length * 2);
        }
        if (size == idStart.length) {
            int grown = size + (size >> 1) + 1;
            idStart = Arrays.copyOf(idStart, grown);
            idLength = Arrays.copyOf(idLength, grown);
            idHash = Arrays.copyOf(idHash, grown);
            fingerprint = Arrays.copyOf(fingerprint, grown);
        }
        if (arenaEnd + key.length > arena.length) {
            compactArena(key.length);
        }
        System.arraycopy(key, 0, arena, arenaEnd, key.length);
        idStart[size] = arenaEnd;
        idLength[size] = key.length;
        idHash[size] = hashOf(key);
        fingerprint[size] = fingerprintOf(hash);
        arenaEnd += key.length;
        slots[slotFor(idHash[size])] = size;
        size++;
    }

    void remove(String id) {
        byte[] key = bytes(id);
        int hash = hashOf(key);
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != EMPTY; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (idHash[entry] == hash && sameId(entry, key)) {
                garbage += idLength[entry];
                deleteSlot(slot);
                moveLastInto(entry);
                if (size == 0) {
                    arenaEnd = 0;
                    garbage = 0;
                }
                return;
            }
        }
    }

    void forEachId(Consumer<String> action) {
        for (int entry = 0; entry < size; entry++) {
            action.accept(new String(arena, idStart[entry], idLength[entry], StandardCharsets.UTF_8));
        }
    }

    static byte[] bytes(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    static int hashOf(byte[] key) {
        int h = 0x9747b28c;
        for (byte b : key) {
            h = (h ^ b) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** FNV-1a over the hash text, finished with a 64-bit mix: the stored hashes are already uniformly random. */
    static long fingerprintOf(String hash) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < hash.length(); i++) {
            h = (h ^ hash.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private int find(byte[] key) {
        return find(key, hashOf(key));
    }

    private int find(byte[] key, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != EMPTY; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (idHash[entry] == hash && sameId(entry, key)) {
                return entry;
            }
        }
        return EMPTY;
    }

    private boolean sameId(int entry, byte[] key) {
        int start = idStart[entry];
        return idLength[entry] == key.length && Arrays.equals(arena, start, start + key.length, key, 0, key.length);
    }

    private int slotFor(int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Linear probing's deletion: entries after the hole that probed past it move back, so no tombstones pile up. */
    private void deleteSlot(int hole) {
        int mask = slots.length - 1;
        int next = (hole + 1) & mask;
        while (slots[next] != EMPTY) {
            int home = idHash[slots[next]] & mask;
            boolean movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable) {
                slots[hole] = slots[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[hole] = EMPTY;
    }

    /** Keeps the entries dense: the last one takes the removed one's place and its slot is repointed. */
    private void moveLastInto(int entry) {
        int last = --size;
        if (entry == last) {
            return;
        }
        int mask = slots.length - 1;
        int slot = idHash[last] & mask;
        while (slots[slot] != last) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
        idStart[entry] = idStart[last];
        idLength[entry] = idLength[last];
        idHash[entry] = idHash[last];
        fingerprint[entry] = fingerprint[last];
    }

    private void rehash(int capacity) {
        slots = emptySlots(capacity);
        for (int entry = 0; entry < size; entry++) {
            slots[slotFor(idHash[entry])] = entry;
        }
    }

    /** Drops the bytes of removed ids before growing, so a school that churns does not grow without bound. */
    private void compactArena(int needed) {
        int live = arenaEnd - garbage;
        byte[] packed = new byte[Math.max(arena.length, Integer.highestOneBit(Math.max(live + needed, 32)) << 1)];
        int end = 0;
        for (int entry = 0; entry < size; entry++) {
            System.arraycopy(arena, idStart[entry], packed, end, idLength[entry]);
            idStart[entry] = end;
            end += idLength[entry];
        }
        arena = packed;
        arenaEnd = end;
        garbage = 0;
    }

    private static int[] emptySlots(int capacity) {
        int[] empty = new int[capacity];
        Arrays.fill(empty, EMPTY);
        return empty;
    }
}
