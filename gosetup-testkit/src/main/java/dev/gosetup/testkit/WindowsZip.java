package dev.gosetup.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Windows-shaped toolchain zip built from a real toolchain on this machine, for the installer's
 * zip branch: {@code go<version>.windows-amd64.zip} laid out as go.dev's Windows zips are (one
 * {@code go/} directory, forward-slash entry names, directory entries, {@code .exe} programs
 * under {@code go/bin/}). It holds {@code go/VERSION}, every program of {@code bin/} renamed to
 * {@code NAME.exe} (the real ELF bytes: they cannot run on Windows, or here under that name for
 * another platform, which is the point), and {@code go/src/cmd/go/*.go}, so it is real content of a
 * real release but a few MB, not the 250 MB of a whole GOROOT. Not cached: it packs in well under a
 * second. Entries get a fixed time, so the same GOROOT gives the same bytes.
 */
public final class WindowsZip {
    private static final FileTime FIXED = FileTime.fromMillis(1_700_000_000_000L);

    private WindowsZip() {
    }

    /**
     * Packs the zip into {@code directory}.
     *
     * @param goroot a real toolchain
     * @param directory where the zip goes (created when missing)
     * @return the zip, named {@code go<version>.windows-amd64.zip}
     */
    public static Path pack(LocalGoroot goroot, Path directory) {
        Path zip = directory.resolve(goroot.version() + ".windows-amd64.zip");
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                directoryEntry(z, "go/");
                file(z, "go/VERSION", goroot.goroot().resolve("VERSION"));
                directoryEntry(z, "go/bin/");
                for (Path p : sorted(goroot.goroot().resolve("bin"))) {
                    if (Files.isRegularFile(p)) {
                        file(z, "go/bin/" + p.getFileName() + ".exe", p);
                    }
                }
                directoryEntry(z, "go/src/");
                directoryEntry(z, "go/src/cmd/");
                directoryEntry(z, "go/src/cmd/go/");
                for (Path p : sorted(goroot.goroot().resolve("src/cmd/go"))) {
                    if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".go")) {
                        file(z, "go/src/cmd/go/" + p.getFileName(), p);
                    }
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + zip, e);
        }
    }

    /**
     * The index entry for a zip {@link #pack} made: GOOS windows, GOARCH amd64.
     *
     * @param zip the zip
     * @param version the Go version, e.g. {@code go1.22.12}
     * @return the entry
     */
    public static IndexEntry entry(Path zip, String version) {
        IndexEntry host = GoDevIndex.entry(zip, version);
        return new IndexEntry(host.filename(), "windows", "amd64", version, host.sha256(), host.size(), "archive");
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    private static void directoryEntry(ZipOutputStream z, String name) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FIXED);
        z.putNextEntry(e);
        z.closeEntry();
    }

    private static void file(ZipOutputStream z, String name, Path source) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FIXED);
        z.putNextEntry(e);
        Files.copy(source, z);
        z.closeEntry();
    }
}
