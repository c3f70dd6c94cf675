package dev.gosetup.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An installed Go toolchain: which release, for which platform, and where its GOROOT is.
 *
 * @param version the release, e.g. {@code go1.22.5}
 * @param platform the platform its binaries are built for
 * @param goroot the absolute path of its GOROOT (the directory holding {@code bin/go})
 */
public record Toolchain(GoVersion version, Platform platform, Path goroot) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code goroot} is not absolute
     */
    public Toolchain {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(goroot, "goroot");
        if (!goroot.isAbsolute()) {
            throw new IllegalArgumentException("GOROOT must be an absolute path, got \"" + goroot + "\"");
        }
    }

    /**
     * Returns the path of the {@code go} command of this toolchain.
     *
     * @return {@code <goroot>/bin/go}, with {@code .exe} on Windows
     */
    public Path goBinary() {
        return goroot.resolve("bin").resolve("go" + platform.exeSuffix());
    }

    /**
     * Returns the directory name this toolchain has in a gosetup store, e.g.
     * {@code go1.22.5.linux-amd64}: the release name and the platform, as in go.dev's archive names.
     *
     * @return the store id
     */
    public String id() {
        return idOf(version, platform);
    }

    /**
     * Returns the store id of a release on a platform, as {@link #id()} does.
     *
     * @param version the release
     * @param platform the platform
     * @return such as {@code go1.22.5.linux-amd64}
     */
    public static String idOf(GoVersion version, Platform platform) {
        return version + "." + platform.os() + "-" + platform.archiveArch();
    }
}
