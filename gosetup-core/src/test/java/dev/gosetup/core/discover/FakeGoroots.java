package dev.gosetup.core.discover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Builds fake GOROOT layouts for discovery tests: a {@code VERSION} file, {@code src/runtime},
 * {@code pkg/tool/GOOS_GOARCH}, and a tiny {@code bin/go} shell script that answers
 * {@code go version} and {@code go env GOROOT} like the real one. Used where the layout of a
 * version manager is under test and a real toolchain of that version is not needed (and cannot
 * be on this machine: the managers are not installed here).
 */
public final class FakeGoroots {
    private FakeGoroots() {
    }

    /** A complete fake GOROOT for linux/amd64 reporting {@code versionLine}. */
    public static Path create(Path goroot, String versionLine) {
        return create(goroot, versionLine, "linux", "amd64");
    }

    /** A complete fake GOROOT; on {@code windows} {@code bin/go.exe} is an empty file (never run). */
    public static Path create(Path goroot, String versionLine, String os, String arch) {
        try {
            Files.createDirectories(goroot.resolve("src").resolve("runtime"));
            Files.createDirectories(goroot.resolve("pkg").resolve("tool").resolve(os + "_" + arch));
            Files.createDirectories(goroot.resolve("bin"));
            Files.writeString(goroot.resolve("VERSION"), versionLine + "\ntime 2025-01-31T18:38:03Z\n",
                    StandardCharsets.UTF_8);
            if (os.equals("windows")) {
                Files.write(goroot.resolve("bin").resolve("go.exe"), new byte[0]);
            } else {
                goScript(goroot, versionLine.split(" ")[0], os + "/" + arch);
            }
            return goroot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bin/go}: a script answering {@code version} and {@code env GOROOT}. */
    public static Path goScript(Path goroot, String version, String platform) {
        try {
            Path go = Files.createDirectories(goroot.resolve("bin")).resolve("go");
            Files.writeString(go, "#!/bin/sh\n"
                    + "case \"$1 $2\" in\n"
                    + "  'version '*) echo 'go version " + version + " " + platform + "' ;;\n"
                    + "  'env GOROOT') echo '" + goroot.toAbsolutePath() + "' ;;\n"
                    + "  *) echo \"fake go: $*\" >&2; exit 2 ;;\n"
                    + "esac\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
            return go;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
