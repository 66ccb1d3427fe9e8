package dev.tenantry.infra.mail;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts the token of a mail while it waits in the outbox (AES-256-GCM, a fresh 96-bit nonce per token).
 * The additional data binds a ciphertext to its row and recipient: copied onto another row, or with the recipient
 * changed, it no longer decrypts, so the token cannot be redirected to another mailbox.
 */
final class MailTokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    MailTokenCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    byte[] encrypt(String token, String mailId, String recipient) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, mailId, recipient);
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** @throws GeneralSecurityException when the key differs or anything was tampered with */
    String decrypt(byte[] ciphertext, String mailId, String recipient) throws GeneralSecurityException {
        if (ciphertext.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("Ciphertext too short");
        }
        byte[] nonce = Arrays.copyOf(ciphertext, NONCE_BYTES);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, mailId, recipient);
        byte[] clear = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
        return new String(clear, StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, byte[] nonce, String mailId, String recipient) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((mailId + "\n" + recipient).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
