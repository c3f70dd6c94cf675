package dev.gosetup.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a GOROOT into a toolchain module zip as Go's release process publishes them for
 * {@code golang.org/toolchain}: every file under {@code golang.org/toolchain@<version>/}, symlinks followed, every
 * {@code go.mod} stored as {@code _go.mod} (so the zip holds no nested modules), no directory entries and no Unix
 * modes (so the go command, and gosetup, must restore the execute bits). Also computes the zip's {@code h1:} hash
 * (golang.org/x/mod/sumdb/dirhash.HashZip), written here from its definition, independently of gosetup-core.
 */
final class ModuleZipPacker {
    /** Bump when the zip layout changes, so cached zips are rebuilt. */
    static final int FORMAT = 1;
    private static final long FIXED_TIME = 315532800000L + 86_400_000L;

    record Result(String h1, String sha256, long size, int entries) {
    }

    private final ZipOutputStream zip;
    private final String prefix;
    private final Map<String, String> sums = new TreeMap<>();

    private ModuleZipPacker(ZipOutputStream zip, String prefix) {
        this.zip = zip;
        this.prefix = prefix;
    }

    /** Packs {@code goroot} as {@code module@version} into {@code target}, which must not exist yet. */
    static Result pack(Path goroot, String module, String version, Path target) throws IOException {
        MessageDigest sha = Sha256.digest();
        String prefix = module + "@" + version + "/";
        ModuleZipPacker packer;
        try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream buffered = new BufferedOutputStream(new DigestOutputStream(file, sha), 1 << 20);
             ZipOutputStream zip = new ZipOutputStream(buffered)) {
            zip.setLevel(Deflater.BEST_SPEED);
            packer = new ModuleZipPacker(zip, prefix);
            TreeWalk.walk(goroot, BasicFileAttributes.class, new TreeWalk.Visitor<>() {
                @Override
                public void directory(Path dir, String relative, BasicFileAttributes attributes) {
                    // a module zip has no directory entries
                }

                @Override
                public void file(Path file, String relative, BasicFileAttributes attributes) throws IOException {
                    String name = relative.equals("go.mod") || relative.endsWith("/go.mod")
                            ? relative.substring(0, relative.length() - "go.mod".length()) + "_go.mod" : relative;
                    packer.file(file, name, attributes.size());
                }
            });
            zip.finish();
        }
        return new Result(hash1(packer.sums), Sha256.hex(sha), Files.size(target),
                packer.sums.size());
    }

    /** Writes a zip of the given entries (names as given: hostile ones too), for tests of refusals. */
    static String write(Map<String, byte[]> entries, Path target) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
                sums.put(e.getKey(), Sha256.hex(e.getValue()));
            }
        }
        return hash1(sums);
    }

    /** dirhash.Hash1: SHA-256 over "sha256hex  name\n" lines sorted by name, base64, "h1:" prefix. */
    static String hash1(Map<String, String> sumsByName) {
        MessageDigest summary = Sha256.digest();
        new TreeMap<>(sumsByName).forEach((name, hex) ->
                summary.update((hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8)));
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }

    private void file(Path path, String relative, long size) throws IOException {
        String name = prefix + relative;
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        zip.putNextEntry(entry);
        MessageDigest sha = Sha256.digest();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 16];
            long copied = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                zip.write(buffer, 0, n);
                sha.update(buffer, 0, n);
                copied += n;
            }
            if (copied != size) {
                throw new IOException(path + " changed size while packing");
            }
        }
        zip.closeEntry();
        sums.put(name, Sha256.hex(sha));
    }
}
