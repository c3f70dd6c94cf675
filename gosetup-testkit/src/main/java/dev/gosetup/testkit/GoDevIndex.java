package dev.gosetup.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes download indexes in go.dev's JSON shape: an array of releases, newest first, each
 * {@code {"version","stable","files":[{"filename","os","arch","version","sha256","size","kind"}]}}.
 *
 * <p>Use it to serve archives of your own (for example hostile ones) from a {@link MirrorServer}:
 * <pre>{@code
 * Path dir = tempDir.resolve("mirror");
 * Path evil = dir.resolve(HostPlatform.archiveFilename("go1.99.0"));   // ... write the archive ...
 * GoDevIndex.write(dir.resolve("index.json"), List.of(GoDevIndex.entry(evil, "go1.99.0")));
 * try (MirrorServer server = MirrorServer.start(dir)) { ... server.indexUri() ... }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class GoDevIndex {

    /** The index file name {@link ToolchainMirror} and {@link MirrorServer} use by default. */
    public static final String INDEX_FILENAME = "index.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoDevIndex() {
    }

    /**
     * An index entry for an archive on disk: its file name, this host's GOOS/GOARCH, its real SHA-256 and size.
     *
     * @param archive the archive; its file name becomes the entry's {@code filename}, so serve it from the
     *                directory the index is served with
     * @param version the Go version the entry claims, e.g. {@code go1.22.12}
     * @return the entry, kind {@code archive}
     * @throws UncheckedIOException if the archive cannot be read
     */
    public static IndexEntry entry(Path archive, String version) {
        try {
            return new IndexEntry(archive.getFileName().toString(), HostPlatform.goos(), HostPlatform.goarch(),
                    version, sha256(archive), Files.size(archive), "archive");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive " + archive, e);
        }
    }

    /**
     * Renders entries as go.dev JSON: grouped into releases by version, releases newest first, files in the order
     * given; {@code stable} is false for betas and release candidates.
     *
     * @param entries the files to list
     * @return UTF-8 JSON, indented like go.dev's
     */
    public static byte[] toJson(List<IndexEntry> entries) {
        Map<String, List<IndexEntry>> byVersion = new LinkedHashMap<>();
        for (IndexEntry e : entries) {
            byVersion.computeIfAbsent(e.version(), v -> new ArrayList<>()).add(e);
        }
        List<String> versions = new ArrayList<>(byVersion.keySet());
        versions.sort(GoVersions.ASCENDING.reversed());
        ArrayNode releases = JSON.createArrayNode();
        for (String version : versions) {
            ObjectNode release = releases.addObject();
            release.put("version", version);
            release.put("stable", GoVersions.isStable(version));
            ArrayNode files = release.putArray("files");
            for (IndexEntry e : byVersion.get(version)) {
                ObjectNode file = files.addObject();
                file.put("filename", e.filename());
                file.put("os", e.os());
                file.put("arch", e.arch());
                file.put("version", e.version());
                file.put("sha256", e.sha256());
                file.put("size", e.size());
                file.put("kind", e.kind());
            }
        }
        try {
            return JSON.writeValueAsBytes(releases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@link #toJson(List)} to a file atomically (temporary file, then rename), creating parent directories.
     *
     * @param indexFile where to write, typically {@code <mirror dir>/index.json}
     * @param entries   the files to list
     * @return {@code indexFile}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(Path indexFile, List<IndexEntry> entries) {
        try {
            Path parent = indexFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".index-", ".tmp");
            try {
                Files.write(tmp, toJson(entries));
                Files.move(tmp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return indexFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write index " + indexFile, e);
        }
    }

    /**
     * The SHA-256 of a file's contents.
     *
     * @param file the file to hash
     * @return lower-case hex digest
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        return Sha256.hex(file);
    }
}
