package com.rostersync.tenants;

import java.util.Objects;

/** A resolved secret (password, private key, passphrase). Its {@code toString()} never shows the value. */
public final class Secret {

    private final String name;
    private final String value;

    public Secret(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The reference name, safe to log. */
    public String name() {
        return name;
    }

    /** The value itself: hand it to the client library, never to a log, event or e-mail. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.name.equals(name) && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return "Secret[" + name + "=****]";
    }
}
