package dev.gosetup.core.sumdb;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.internal.Sha256;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A verifier key of golang.org/x/mod/sumdb/note, {@code <name>+<hash>+<base64(0x01 || 32-byte Ed25519 key)>},
 * and the check of a signed note against it: the text up to the last blank line, then signature
 * lines {@code "— <name> <base64(4-byte key hash || signature)>"}. Immutable.
 */
final class NoteVerifier {
    /** The algorithm byte of an Ed25519 key in a verifier key. */
    static final byte ALG_ED25519 = 1;
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String SIG_PREFIX = "\u2014 ";

    private final String name;
    private final int keyHash;
    private final PublicKey key;
    private final String text;

    private NoteVerifier(String name, int keyHash, PublicKey key, String text) {
        this.name = name;
        this.keyHash = keyHash;
        this.key = key;
        this.text = text;
    }

    /**
     * Parses a verifier key and checks that its hash matches its name and key, as note.NewVerifier does.
     *
     * @param vkey the key, e.g. {@code sum.golang.org+033de0ae+Ac4z...}
     * @return the verifier
     * @throws InvalidConfigurationException naming the key when it is malformed
     */
    static NoteVerifier parse(String vkey) {
        Objects.requireNonNull(vkey, "vkey");
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9a-f]{8}")) {
            throw invalid(vkey, "it is not name+hash+key");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid(vkey, "the key is not base64");
        }
        if (data.length != 33 || data[0] != ALG_ED25519) {
            throw invalid(vkey, "the key is not an Ed25519 key (algorithm byte 1 and 32 bytes)");
        }
        int hash = (int) Long.parseLong(parts[1], 16);
        if (hash != keyHash(parts[0], data)) {
            throw invalid(vkey, "its hash " + parts[1] + " does not match its name and key");
        }
        try {
            byte[] x509 = Arrays.copyOf(X509_ED25519_PREFIX, X509_ED25519_PREFIX.length + 32);
            System.arraycopy(data, 1, x509, X509_ED25519_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            return new NoteVerifier(parts[0], hash, key, vkey);
        } catch (GeneralSecurityException e) {
            throw invalid(vkey, "the JDK refuses the Ed25519 key: " + e.getMessage());
        }
    }

    /** The first four bytes of SHA-256(name + "\n" + algorithm byte + key), big-endian. */
    static int keyHash(String name, byte[] algAndKey) {
        MessageDigest sha = Sha256.digest();
        sha.update(Tlog.utf8(name + "\n"));
        sha.update(algAndKey);
        return ByteBuffer.wrap(sha.digest()).getInt();
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Opens a signed note: returns its text when one of its signatures is this key's and verifies;
     * unknown signers are ignored, as note.Open does.
     *
     * @param message the note, as served
     * @param what what the note is, for messages (e.g. the URL it came from)
     * @return the signed text, ending in a newline
     * @throws VerificationException when the note is malformed, carries no signature of this key,
     *     or this key's signature does not verify
     */
    String open(byte[] message, String what) {
        String msg;
        try {
            msg = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what, "it is not UTF-8");
        }
        if (msg.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw malformed(what, "it holds control characters");
        }
        int split = msg.lastIndexOf("\n\n");
        if (split < 0) {
            throw malformed(what, "it has no signature block");
        }
        String noteText = msg.substring(0, split + 1);
        String sigs = msg.substring(split + 2);
        if (sigs.isEmpty() || !sigs.endsWith("\n")) {
            throw malformed(what, "its signature block does not end in a newline");
        }
        List<String> seen = new java.util.ArrayList<>();
        boolean verified = false;
        for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIG_PREFIX)) {
                throw malformed(what, "a signature line does not start with \u2014");
            }
            String rest = line.substring(SIG_PREFIX.length());
            int space = rest.indexOf(' ');
            String signer = space < 0 ? rest : rest.substring(0, space);
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(space < 0 ? "" : rest.substring(space + 1));
            } catch (IllegalArgumentException e) {
                throw malformed(what, "a signature is not base64");
            }
            if (signer.isEmpty() || sig.length < 5) {
                throw malformed(what, "a signature line is incomplete");
            }
            int hash = ByteBuffer.wrap(sig, 0, 4).getInt();
            seen.add(signer + "+" + String.format("%08x", hash));
            if (!signer.equals(name) || hash != keyHash) {
                continue;
            }
            if (!verify(Tlog.utf8(noteText), Arrays.copyOfRange(sig, 4, sig.length))) {
                throw new VerificationException(what + " carries a signature of " + name + "+"
                        + String.format("%08x", keyHash) + " that does not verify: the note was altered or forged",
                        List.of("do not trust this checksum database server or proxy; report it",
                                "retry later: a proxy may have corrupted the answer"));
            }
            verified = true;
        }
        if (!verified) {
            throw new VerificationException(what + " is not signed by the trusted key " + name + "+"
                    + String.format("%08x", keyHash) + " (signed by: " + String.join(", ", seen) + ")",
                    List.of("check GOSUMDB: it must name the key of the database you reach",
                            "if the key is right, the server or a proxy in between serves another database's answers"));
        }
        return noteText;
    }

    private boolean verify(byte[] data, byte[] sig) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every Java 15+ platform", e);
        }
    }

    private static VerificationException malformed(String what, String why) {
        return new VerificationException(what + " is not a signed note: " + why,
                List.of("the checksum database server or a proxy in between answered with something else; retry, "
                        + "or check GOPROXY and GOSUMDB"));
    }

    private static InvalidConfigurationException invalid(String vkey, String why) {
        return new InvalidConfigurationException("invalid checksum database verifier key \"" + escape(vkey) + "\": " + why,
                List.of("copy the key exactly as the database publishes it (name+hash+key), e.g. in GOSUMDB"));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        CharBuffer.wrap(s).chars().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
