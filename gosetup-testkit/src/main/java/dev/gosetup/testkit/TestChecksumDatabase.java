package dev.gosetup.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Go checksum database for tests: a real transparent log (RFC 6962 hashing, as golang.org/x/mod/sumdb/tlog) of
 * {@code go.sum} records, signed with an Ed25519 key generated in the test, written as the static files a
 * database serves: {@code supported}, {@code latest}, {@code lookup/<module>@<version>} and the hash tiles
 * {@code tile/8/L/N[.p/W]} (every partial width, so clients holding an older tree find their tiles too). Serve it
 * under {@code <proxy dir>/sumdb/<name>/} with {@link MirrorServer}, and configure clients with
 * {@code GOSUMDB="<verifierKey()> <url>"}: the real go command accepts it.
 *
 * <p>Written from the protocol's definition, independently of gosetup-core. Not thread-safe.
 */
public final class TestChecksumDatabase {
    private static final int HEIGHT = 8;
    private static final int WIDTH = 1 << HEIGHT;

    private final String name;
    private final KeyPair key;
    private final List<String> records = new ArrayList<>();
    private final Map<String, Integer> byModuleVersion = new LinkedHashMap<>();

    private TestChecksumDatabase(String name, KeyPair key) {
        this.name = name;
        this.key = key;
    }

    /**
     * A database with a new random key.
     *
     * @param name its name, a host name such as {@code sum.gosetup.test}
     * @return the empty database
     */
    public static TestChecksumDatabase create(String name) {
        return new TestChecksumDatabase(name, newKey());
    }

    /**
     * A database with the same name but another key: what an impostor serves.
     *
     * @return the empty database
     */
    public TestChecksumDatabase impostor() {
        return new TestChecksumDatabase(name, newKey());
    }

    /**
     * The same name and key, with the same records so far: grow the copy differently to fork the log.
     *
     * @return the copy
     */
    public TestChecksumDatabase copy() {
        TestChecksumDatabase copy = new TestChecksumDatabase(name, key);
        copy.records.addAll(records);
        copy.byModuleVersion.putAll(byModuleVersion);
        return copy;
    }

    /**
     * The same name and key with only the first {@code size} records: grow it differently to fork the log.
     *
     * @param size how many records to keep
     * @return the fork
     */
    public TestChecksumDatabase forkAt(int size) {
        TestChecksumDatabase fork = new TestChecksumDatabase(name, key);
        fork.records.addAll(records.subList(0, size));
        byModuleVersion.forEach((k, v) -> {
            if (v < size) {
                fork.byModuleVersion.put(k, v);
            }
        });
        return fork;
    }

    /**
     * The database's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The verifier key for {@code GOSUMDB}: {@code name+hash+base64(0x01 || key)}.
     *
     * @return the key
     */
    public String verifierKey() {
        byte[] algAndKey = algAndKey();
        return name + "+" + String.format("%08x", keyHash(algAndKey)) + "+" + Base64.getEncoder().encodeToString(algAndKey);
    }

    /**
     * Appends the record of a module version: its zip hash and its go.mod hash.
     *
     * @param module the module path
     * @param version the version
     * @param zipHash the {@code h1:} hash of its zip
     * @param goModHash the {@code h1:} hash of its go.mod
     * @return this database
     */
    public TestChecksumDatabase add(String module, String version, String zipHash, String goModHash) {
        return addRecord(module + "@" + version, module + " " + version + " " + zipHash + "\n"
                + module + " " + version + "/go.mod " + goModHash + "\n");
    }

    /**
     * Appends {@code count} records of made-up modules, so that the tree spans several tiles.
     *
     * @param count how many
     * @param seed what makes them differ from another database's filler
     * @return this database
     */
    public TestChecksumDatabase addFiller(int count, String seed) {
        for (int i = 0; i < count; i++) {
            String module = "example.com/filler" + seed + "/m" + records.size();
            String h = Base64.getEncoder().encodeToString(Sha256.digest().digest(module.getBytes(StandardCharsets.UTF_8)));
            add(module, "v1.0.0", "h1:" + h, "h1:" + h);
        }
        return this;
    }

    private TestChecksumDatabase addRecord(String moduleVersion, String text) {
        byModuleVersion.put(moduleVersion, records.size());
        records.add(text);
        return this;
    }

    /**
     * The number of records.
     *
     * @return the tree size
     */
    public int size() {
        return records.size();
    }

    /**
     * Writes the database's files for its current tree into a directory (created if missing), replacing older
     * {@code latest} and lookups; older tiles stay, as a real database's do.
     *
     * @param dir e.g. {@code <proxy dir>/sumdb/<name>}
     */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("supported"), "");
            byte[] note = signedTree();
            Files.write(dir.resolve("latest"), note);
            for (Map.Entry<String, Integer> e : byModuleVersion.entrySet()) {
                Path lookup = dir.resolve("lookup").resolve(e.getKey());
                Files.createDirectories(lookup.getParent());
                Files.write(lookup, lookup(e.getValue(), note));
            }
            List<List<byte[]>> levels = levels();
            for (int tileLevel = 0; tileLevel * HEIGHT < levels.size(); tileLevel++) {
                List<byte[]> hashes = levels.get(tileLevel * HEIGHT);
                for (int start = 0; start < hashes.size(); start += WIDTH) {
                    int end = Math.min(start + WIDTH, hashes.size());
                    for (int w = end - start == WIDTH ? WIDTH : 1; w <= end - start; w++) {
                        Path tile = dir.resolve(tilePath(tileLevel, start / WIDTH, w));
                        Files.createDirectories(tile.getParent());
                        ByteBuffer data = ByteBuffer.allocate(w * 32);
                        hashes.subList(start, start + w).forEach(data::put);
                        Files.write(tile, data.array());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checksum database into " + dir, e);
        }
    }

    /**
     * The signed tree head note of the current tree, as {@code /latest} serves it.
     *
     * @return the note
     */
    public byte[] signedTree() {
        return sign("go.sum database tree\n" + size() + "\n" + Base64.getEncoder().encodeToString(root()) + "\n");
    }

    /**
     * The lookup answer for a module version: record id, record text, blank line, signed tree head.
     *
     * @param module the module path
     * @param version the version
     * @return the answer
     */
    public byte[] lookup(String module, String version) {
        Integer id = byModuleVersion.get(module + "@" + version);
        Objects.requireNonNull(id, () -> module + "@" + version + " is not in the database");
        return lookup(id, signedTree());
    }

    /**
     * The zip hash this database holds for a module version.
     *
     * @param module the module path
     * @param version the version
     * @return the {@code h1:} hash
     */
    public String lookupHash(String module, String version) {
        Integer id = byModuleVersion.get(module + "@" + version);
        Objects.requireNonNull(id, () -> module + "@" + version + " is not in the database");
        return records.get(id).split("\n")[0].split(" ")[2];
    }

    /**
     * Signs a note text with this database's key.
     *
     * @param text the text, ending in a newline
     * @return the signed note
     */
    public byte[] sign(String text) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            ByteBuffer b = ByteBuffer.allocate(4 + sig.length).putInt(keyHash(algAndKey())).put(sig);
            return (text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(b.array()) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private byte[] lookup(int id, byte[] note) {
        byte[] head = (id + "\n" + records.get(id) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + note.length);
        System.arraycopy(note, 0, out, head.length, note.length);
        return out;
    }

    /** Tile.Path of x/mod/sumdb/tlog. */
    static String tilePath(int level, long n, int width) {
        StringBuilder index = new StringBuilder(String.format("%03d", n % 1000));
        for (long rest = n / 1000; rest > 0; rest /= 1000) {
            index.insert(0, String.format("x%03d/", rest % 1000));
        }
        return "tile/" + HEIGHT + "/" + level + "/" + index + (width == WIDTH ? "" : ".p/" + width);
    }

    /** Level 0: record hashes; level k: hashes of complete pairs of level k-1. */
    private List<List<byte[]>> levels() {
        List<List<byte[]>> levels = new ArrayList<>();
        List<byte[]> level = new ArrayList<>();
        for (String r : records) {
            level.add(hash((byte) 0, r.getBytes(StandardCharsets.UTF_8)));
        }
        while (!level.isEmpty()) {
            levels.add(level);
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(node(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return levels;
    }

    /** The root: the complete subtrees of the binary decomposition of the size, folded from the right. */
    private byte[] root() {
        if (records.isEmpty()) {
            return Sha256.digest().digest();
        }
        List<List<byte[]>> levels = levels();
        byte[] root = null;
        long start = 0;
        List<byte[]> parts = new ArrayList<>();
        for (int k = levels.size() - 1; k >= 0; k--) {
            if ((size() >> k & 1) == 1) {
                parts.add(levels.get(k).get((int) (start >> k)));
                start += 1L << k;
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            root = root == null ? parts.get(i) : node(parts.get(i), root);
        }
        return root;
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = Sha256.digest();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    private static byte[] hash(byte prefix, byte[] data) {
        MessageDigest sha = Sha256.digest();
        sha.update(prefix);
        sha.update(data);
        return sha.digest();
    }

    private byte[] algAndKey() {
        byte[] x509 = key.getPublic().getEncoded();
        byte[] out = new byte[33];
        out[0] = 1;
        System.arraycopy(x509, x509.length - 32, out, 1, 32);
        return out;
    }

    private int keyHash(byte[] algAndKey) {
        MessageDigest sha = Sha256.digest();
        sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(algAndKey);
        return ByteBuffer.wrap(sha.digest()).getInt();
    }

    private static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every Java 15+ platform", e);
        }
    }
}
