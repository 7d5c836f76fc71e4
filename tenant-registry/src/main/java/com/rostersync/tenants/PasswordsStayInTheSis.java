package com.rostersync.tenants;

import java.util.regex.Pattern;

/**
 * Seed rule "usernames and passwords": usernames are sent to the destination, passwords are not. The published
 * records have no password field at all, and here, at the edge, no SIS query override may even select one.
 */
public final class PasswordsStayInTheSis {

    private static final Pattern PASSWORD_COLUMN = Pattern.compile("(?i)\\bpass(word|wd)?\\b");

    private PasswordsStayInTheSis() {}

    /** Whether this SQL names a password column ({@code password}, {@code passwd} or {@code pass}). */
    public static boolean selectsPassword(String sql) {
        return PASSWORD_COLUMN.matcher(sql).find();
    }
}
