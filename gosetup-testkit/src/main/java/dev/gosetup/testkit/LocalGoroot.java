package dev.gosetup.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A Go toolchain installed on this machine: a GOROOT directory and the version its {@code VERSION} file names.
 *
 * @param goroot  the GOROOT directory as found (not necessarily a real path; it may be a symlink)
 * @param version the first line of {@code $GOROOT/VERSION}, e.g. {@code go1.22.12}
 */
public record LocalGoroot(Path goroot, String version) {

    /** Orders toolchains by Go version, oldest first ({@code go1.19.8 < go1.21.13 < go1.22.12}). */
    public static final Comparator<LocalGoroot> BY_VERSION =
            Comparator.comparing(LocalGoroot::version, GoVersions.ASCENDING);

    /**
     * Validates the components.
     *
     * @param goroot see the record description
     * @param version see the record description
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code version} does not start with {@code go} or contains whitespace
     */
    public LocalGoroot {
        Objects.requireNonNull(goroot, "goroot");
        Objects.requireNonNull(version, "version");
        if (!version.startsWith("go") || version.length() < 3 || version.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a Go release version: '" + version + "' (GOROOT " + goroot + ")");
        }
    }

    /**
     * Reads a GOROOT directory: checks it has {@code bin/go} and a {@code VERSION} file and takes the version from
     * that file's first line.
     *
     * @param goroot a directory that should be a GOROOT
     * @return the toolchain
     * @throws IllegalArgumentException naming the directory and what is missing when it is not a usable GOROOT
     */
    public static LocalGoroot read(Path goroot) {
        Objects.requireNonNull(goroot, "goroot");
        if (!Files.isDirectory(goroot)) {
            throw new IllegalArgumentException("not a directory: " + goroot);
        }
        Path go = goroot.resolve("bin").resolve(HostPlatform.goos().equals("windows") ? "go.exe" : "go");
        if (!Files.isRegularFile(go) || !Files.isExecutable(go)) {
            throw new IllegalArgumentException("no executable bin/go in " + goroot);
        }
        Path versionFile = goroot.resolve("VERSION");
        if (!Files.isRegularFile(versionFile)) {
            throw new IllegalArgumentException("no VERSION file in " + goroot);
        }
        String firstLine;
        try {
            firstLine = Files.readString(versionFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + versionFile + ": " + e, e);
        }
        return new LocalGoroot(goroot, firstLine);
    }

    /**
     * The {@code go} executable of this toolchain.
     *
     * @return {@code $GOROOT/bin/go} ({@code go.exe} on Windows)
     */
    public Path goBinary() {
        return goroot.resolve("bin").resolve(HostPlatform.goos().equals("windows") ? "go.exe" : "go");
    }
}
