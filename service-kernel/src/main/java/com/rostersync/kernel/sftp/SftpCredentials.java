package com.rostersync.kernel.sftp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The secret values of one SFTP login, only for the SSH client: a password, or a private key with an optional
 * passphrase. {@code toString()} shows none of them; {@link #digest} tells whether they changed without keeping them.
 */
public record SftpCredentials(String password, String privateKey, String passphrase) {

    public static SftpCredentials password(String password) {
        return new SftpCredentials(password, null, null);
    }

    public static SftpCredentials privateKey(String privateKey, String passphrase) {
        return new SftpCredentials(null, privateKey, passphrase);
    }

    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {password, privateKey, passphrase}) {
                sha.update((part == null ? "-" : "+" + part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return "SftpCredentials[****]";
    }
}
