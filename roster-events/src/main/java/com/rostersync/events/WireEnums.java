package com.rostersync.events;

/**
 * How every enum of the contract is read: by name, and a name this build does not know (added by a newer revision)
 * as the enum's {@code UNKNOWN}. Done by each enum's own creator rather than a mapper setting, so every consumer,
 * whatever JSON mapper it configures, reads newer constants the same way, map keys included.
 */
public final class WireEnums {

    private WireEnums() {}

    public static <E extends Enum<E>> E read(Class<E> type, String name, E unknown) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException newerConstant) {
            return unknown;
        }
    }
}
