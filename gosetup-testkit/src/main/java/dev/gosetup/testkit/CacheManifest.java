package dev.gosetup.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What a cached archive was packed from, stored as {@code <archive>.manifest.json} next to it.
 *
 * @param key          identifies the source: format, version, GOROOT real path and cheap fingerprints of files a
 *                     package upgrade replaces
 * @param filename     archive file name
 * @param sha256       archive SHA-256
 * @param size         archive size
 * @param archiveMtime archive mtime in milliseconds, to notice an archive replaced behind the cache's back
 * @param entries      tar entries written
 * @param packMillis   how long packing took
 */
record CacheManifest(String key, String filename, String sha256, long size, long archiveMtime, int entries,
        long packMillis) {

    private static final System.Logger LOG = System.getLogger(CacheManifest.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Path pathFor(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".manifest.json");
    }

    static Optional<CacheManifest> read(Path archive) {
        Path file = pathFor(archive);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), CacheManifest.class));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable cache manifest {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void write(Path archive) throws IOException {
        Path file = pathFor(archive);
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-manifest-", ".json");
        try {
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
