package dev.gosetup.core.install;

import dev.gosetup.api.spi.Provider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A kind of link to a directory that the store's {@code current} entry can be where symbolic links
 * cannot be made: on Windows without the symbolic-link privilege, a directory junction (what
 * {@code mklink /J} makes, which needs no administrator rights). Loaded with
 * {@link java.util.ServiceLoader}; {@link ToolchainStore#use} tries one that
 * {@link #appliesTo applies} after a symbolic link fails and before falling back to
 * {@code current.txt}. Implementations are stateless and thread-safe.
 */
public interface DirectoryLinker extends Provider {

    /**
     * Creates a link at {@code link} to the directory {@code target}.
     *
     * @param link where the link goes; must not exist
     * @param target an existing directory, absolute
     * @throws IOException when the link cannot be made; nothing is left at {@code link} then
     */
    void create(Path link, Path target) throws IOException;

    /**
     * Reads where a link of this kind points.
     *
     * @param link the path to read
     * @return the directory it points to, or empty when {@code link} is not a link of this kind
     * @throws IOException when it cannot be read
     */
    Optional<Path> target(Path link) throws IOException;
}
