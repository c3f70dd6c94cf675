package dev.gosetup.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Go release as listed in the go.dev download index: its version, whether go.dev calls it stable,
 * and its files.
 *
 * @param version the release, such as {@code go1.22.5}
 * @param stable whether the index marks it stable; false for betas and release candidates
 * @param files the files published for it, each belonging to {@code version}; may be empty
 */
public record Release(GoVersion version, boolean stable, List<ReleaseFile> files) {

    /**
     * Validates the release and copies the file list.
     *
     * @param version the release
     * @param stable whether the index marks it stable
     * @param files its files
     * @throws IllegalArgumentException if a file belongs to another version than the release
     */
    public Release {
        Objects.requireNonNull(version, "version");
        files = List.copyOf(files);
        for (ReleaseFile f : files) {
            // A file listed under the wrong release would be installed under the wrong name.
            if (!f.version().equals(version)) {
                throw new IllegalArgumentException("file " + f.filename() + " belongs to " + f.version()
                        + ", not to release " + version);
            }
        }
    }

    /**
     * Returns the official archive of this release for a platform.
     *
     * <p>Only files of kind {@link ReleaseFile.Kind#ARCHIVE} count. The index writes 32-bit ARM as
     * {@code armv6l}; both that and {@code arm} match {@code Platform("linux", "arm")}. When several
     * archives match (old macOS releases had one per OS X version), the one with the standard name
     * ({@link Platform#archiveFileName(GoVersion)}) wins, else the first listed.
     *
     * @param platform the platform to install on
     * @return the archive, or empty when none is published for the platform
     */
    public Optional<ReleaseFile> archiveFor(Platform platform) {
        Objects.requireNonNull(platform, "platform");
        String standardName = version.isLanguageVersion() ? "" : platform.archiveFileName(version);
        ReleaseFile first = null;
        for (ReleaseFile f : files) {
            boolean matches = f.kind() == ReleaseFile.Kind.ARCHIVE && f.os().equals(platform.os())
                    && (f.arch().equals(platform.archiveArch()) || f.arch().equals(platform.arch()));
            if (!matches) {
                continue;
            }
            if (f.filename().equals(standardName)) {
                return Optional.of(f);
            }
            if (first == null) {
                first = f;
            }
        }
        return Optional.ofNullable(first);
    }
}
