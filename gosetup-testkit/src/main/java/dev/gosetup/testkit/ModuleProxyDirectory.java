package dev.gosetup.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A GOPROXY directory ({@code <module>/@v/list}, {@code .info}, {@code .mod}, {@code .zip}) with a checksum
 * database under {@code sumdb/<name>/}, so that one {@link MirrorServer} serves both: a proxy that "supports" the
 * database as the go command asks ({@code /sumdb/<name>/supported}). Module paths here are lower case, so no
 * case-encoding is needed.
 */
public final class ModuleProxyDirectory {
    private final Path dir;
    private final TestChecksumDatabase sumdb;

    private ModuleProxyDirectory(Path dir, TestChecksumDatabase sumdb) {
        this.dir = dir;
        this.sumdb = sumdb;
    }

    /**
     * A proxy directory in {@code dir} (created if missing) whose records go into {@code sumdb}.
     *
     * @param dir the directory
     * @param sumdb the database
     * @return the directory
     */
    public static ModuleProxyDirectory create(Path dir, TestChecksumDatabase sumdb) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModuleProxyDirectory(dir, Objects.requireNonNull(sumdb, "sumdb"));
    }

    /**
     * The directory to serve.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /**
     * The database.
     *
     * @return the database
     */
    public TestChecksumDatabase sumdb() {
        return sumdb;
    }

    /**
     * Where the database's files are written.
     *
     * @return {@code <dir>/sumdb/<name>}
     */
    public Path sumdbDirectory() {
        return dir.resolve("sumdb").resolve(sumdb.name());
    }

    /**
     * Adds a toolchain module (a hard link to the cached zip) and its record in the database.
     *
     * @param module the module
     * @return this directory
     */
    public ModuleProxyDirectory add(ToolchainModules.Module module) {
        return add(ToolchainModules.MODULE, module.version(), module.zip(), module.zipHash(), true);
    }

    /**
     * Adds a zip of one's own (a copy) and, when {@code record} is true, its record with {@code zipHash}.
     *
     * @param module the module path
     * @param version the version
     * @param zip the zip
     * @param zipHash the hash the database vouches for
     * @param record whether to add the record to the database
     * @return this directory
     */
    public ModuleProxyDirectory add(String module, String version, Path zip, String zipHash, boolean record) {
        try {
            Path v = Files.createDirectories(dir.resolve(module).resolve("@v"));
            Path target = v.resolve(version + ".zip");
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, zip);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(zip, target);
            }
            Files.write(v.resolve(version + ".mod"), ("module " + module + "\n").getBytes(StandardCharsets.UTF_8));
            Files.writeString(v.resolve(version + ".info"),
                    "{\"Version\":\"" + version + "\",\"Time\":\"2024-01-01T00:00:00Z\"}\n");
            Files.writeString(v.resolve("list"), version + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + module + "@" + version + " to " + dir, e);
        }
        if (record) {
            sumdb.add(module, version, zipHash,
                    ToolchainModules.goModHash(("module " + module + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    /**
     * Adds a tiny toolchain module for tests of the install pipeline that need no real toolchain: {@code bin/go}
     * is a shell script printing {@code go version <goVersion> <os>/<arch>}, with a {@code pkg/tool} file and
     * nested {@code _go.mod} files ({@code src/}, {@code src/cmd/}) like a real one; no entry has a Unix mode.
     *
     * @param goVersion e.g. {@code go1.99.1}
     * @param extra more entries (full names, hostile ones too), added after the others
     * @return the zip written (under the directory's parent, named after the version)
     */
    public Path addScriptToolchain(String goVersion, java.util.Map<String, byte[]> extra) {
        String module = ToolchainModules.MODULE;
        String version = ToolchainModules.moduleVersion(goVersion);
        String prefix = module + "@" + version + "/";
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put(prefix + "bin/go", ("#!/bin/sh\necho go version " + goVersion + " " + HostPlatform.goos() + "/"
                + HostPlatform.goarch() + "\n").getBytes(StandardCharsets.UTF_8));
        entries.put(prefix + "pkg/tool/" + HostPlatform.goos() + "_" + HostPlatform.goarch() + "/compile", new byte[] {1});
        entries.put(prefix + "src/_go.mod", "module std\n".getBytes(StandardCharsets.UTF_8));
        entries.put(prefix + "src/cmd/_go.mod", "module cmd\n".getBytes(StandardCharsets.UTF_8));
        entries.put(prefix + "VERSION", (goVersion + "\n").getBytes(StandardCharsets.UTF_8));
        entries.putAll(extra);
        Path zip = dir.resolveSibling(dir.getFileName() + "-" + version + ".zip");
        String h1 = ToolchainModules.writeZip(entries, zip);
        add(module, version, zip, h1, true);
        return zip;
    }

    /**
     * Writes the database's files for its current tree.
     *
     * @return this directory
     */
    public ModuleProxyDirectory publish() {
        sumdb.writeTo(sumdbDirectory());
        return this;
    }

    /**
     * The URL path of a module version's zip, for {@link MirrorServer}'s fault injection.
     *
     * @param module the module path
     * @param version the version
     * @return e.g. {@code /golang.org/toolchain/@v/v0.0.1-go1.22.12.linux-amd64.zip}
     */
    public static String zipPath(String module, String version) {
        return "/" + module + "/@v/" + version + ".zip";
    }
}
