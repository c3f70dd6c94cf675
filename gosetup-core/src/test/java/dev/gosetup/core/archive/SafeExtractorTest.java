package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gosetup.api.CancelledException;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a well-formed archive becomes, and the contract around it: progress, cancellation, streams, limits. */
class SafeExtractorTest {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileTime MODIFIED = FileTime.from(TestArchives.MODIFIED);

    @TempDir
    Path temp;

    private Path target;

    @BeforeEach
    void setUp() throws IOException {
        target = Files.createDirectory(temp.resolve("target"));
    }

    private SafeExtractor.Result extract(byte[] gzipped) {
        return SafeExtractor.builder().build().extractTarGz(new ByteArrayInputStream(gzipped), "test.tar.gz", target);
    }

    /**
     * Times set by path (File.setLastModified, millisecond precision, not before 1970) and the ones it cannot
     * represent (a PAX mtime finer than a millisecond, one before 1970), which take the NIO way: all exact.
     */
    @Test
    void timesFinerThanAMillisecondOrBefore1970AreKeptExactly() throws IOException {
        Map<String, FileTime> times = new LinkedHashMap<>();
        times.put("go/millis", FileTime.from(Instant.parse("2024-08-06T12:34:56.789Z")));
        times.put("go/nanos", FileTime.from(Instant.parse("2024-08-06T12:34:56.123456Z")));
        times.put("go/old", FileTime.from(Instant.parse("1969-07-20T20:17:40Z")));
        times.put("go/dir/", FileTime.from(Instant.parse("2001-02-03T04:05:06.000007Z")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, FileTime> e : times.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setLastModifiedTime(e.getValue());
                // commons-compress writes a PAX mtime only when asked through the header: the way Go's archive/tar does
                entry.addPaxHeader("mtime", e.getValue().toInstant().getEpochSecond() + "."
                        + String.format(java.util.Locale.ROOT, "%09d", e.getValue().toInstant().getNano()));
                entry.setSize(e.getKey().endsWith("/") ? 0 : 1);
                tar.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) {
                    tar.write('x');
                }
                tar.closeArchiveEntry();
            }
        }

        extract(bytes.toByteArray());

        for (Map.Entry<String, FileTime> e : times.entrySet()) {
            assertThat(Files.getLastModifiedTime(target.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void extractsFilesAndDirectoriesKeepingExecuteBitsAndTimes() throws IOException {
        SafeExtractor.Result result = extract(TestArchives.tar()
                .dir("go/").dir("go/bin/")
                .file("go/bin/go", TestArchives.utf8("#!/bin/sh\necho go\n"), 0755)
                .file("go/bin/owner-only", TestArchives.utf8("x"), 0700)
                .file("go/bin/setuid", TestArchives.utf8("x"), 04755)
                .file("go/VERSION", TestArchives.utf8("go1.99.0\n"), 0644)
                .file("go/readonly", TestArchives.utf8("r"), 0444)
                .gzipped());

        assertThat(result).isEqualTo(new SafeExtractor.Result(7, 18 + 1 + 1 + 9 + 1));
        assertThat(target.resolve("go/VERSION")).hasContent("go1.99.0");
        assertThat(Files.getLastModifiedTime(target.resolve("go/VERSION"))).isEqualTo(MODIFIED);
        assertThat(Files.getLastModifiedTime(target.resolve("go/bin"))).isEqualTo(MODIFIED);
        assertThat(Files.getLastModifiedTime(target.resolve("go"))).isEqualTo(MODIFIED);
        if (POSIX) {
            assertPermissions("go/bin/go", "rwxr-xr-x");
            assertPermissions("go/bin/owner-only", "rwxr--r--");
            assertPermissions("go/bin/setuid", "rwxr-xr-x");
            assertPermissions("go/VERSION", "rw-r--r--");
            assertPermissions("go/readonly", "rw-r--r--");
            assertThat(Files.isExecutable(target.resolve("go/bin/go"))).isTrue();
        }
    }

    @Test
    void createsParentsThatHaveNoEntryAndAcceptsRepeatedDirectories() {
        extract(TestArchives.tar().file("go/src/deep/er/file.go", "package er").dir("go/src/").dir("go/src/")
                .dir("./go/src/deep/").gzipped());

        assertThat(target.resolve("go/src/deep/er/file.go")).hasContent("package er");
    }

    @Test
    void normalizesDotSegmentsAndEmptySegments() {
        extract(TestArchives.tar().dir("./").file("./go//a", "a").file("go/./b", "b").gzipped());

        assertThat(target.resolve("go/a")).hasContent("a");
        assertThat(target.resolve("go/b")).hasContent("b");
    }

    @Test
    void keepsLongAndNonAsciiNames() {
        String longName = "go/" + "d".repeat(120) + "/" + "f".repeat(150) + ".go";
        extract(TestArchives.tar().file(longName, "long").file("go/test/Þfoo.go", "thorn").gzipped());

        assertThat(target.resolve(longName)).hasContent("long");
        assertThat(target.resolve("go/test/Þfoo.go")).hasContent("thorn");
    }

    @Test
    void skipsAPaxGlobalHeader() {
        SafeExtractor.Result result = extract(TestArchives.tar().globalPaxHeader("commit 0123abcd").file("go/a", "a")
                .gzipped());

        assertThat(result.entries()).isEqualTo(1);
        assertThat(target.resolve("go/a")).hasContent("a");
        assertThat(target.resolve("pax_global_header")).doesNotExist();
    }

    @Test
    void createsARelativeSymlinkInsideTheTree() throws IOException {
        extract(TestArchives.tar()
                .dir("go/").dir("go/bin/").dir("go/lib/")
                .file("go/bin/go", TestArchives.utf8("binary"), 0755)
                .symlink("go/lib/link", "../bin/go")
                .symlink("go/lib/chain", "link")
                .symlink("go/root", "..")
                .symlink("go/dangling", "not/there/yet")
                .gzipped());

        Path link = target.resolve("go/lib/link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../bin/go");
        assertThat(link).hasContent("binary");
        assertThat(target.resolve("go/lib/chain")).hasContent("binary");
        assertThat(link.toRealPath()).isEqualTo(target.resolve("go/bin/go").toRealPath());
        assertThat(target.resolve("go/root").toRealPath()).isEqualTo(target.toRealPath());
        assertThat(Files.isSymbolicLink(target.resolve("go/dangling"))).isTrue();
    }

    @Test
    void createsAHardLinkToAnExtractedFile() throws IOException {
        SafeExtractor.Result result = extract(TestArchives.tar()
                .dir("go/").file("go/bin/go", TestArchives.utf8("binary"), 0755).hardLink("go/pkg/tool/go", "go/bin/go")
                .hardLink("./go/again", "./go/pkg/tool/go")
                .gzipped());

        assertThat(target.resolve("go/pkg/tool/go")).hasContent("binary");
        assertThat(target.resolve("go/again")).hasContent("binary");
        assertThat(Files.isSymbolicLink(target.resolve("go/again"))).isFalse();
        assertThat(result).isEqualTo(new SafeExtractor.Result(4, 6));
        if (POSIX) {
            assertPermissions("go/pkg/tool/go", "rwxr-xr-x");
        }
    }

    @Test
    void reportsProgressGrowingAndEndingWithTheTotals() {
        TestArchives.Tar tar = TestArchives.tar().dir("go/");
        for (int i = 0; i < 300; i++) {
            tar.file("go/f" + i, "0123456789");
        }
        tar.zeros("go/big", 3 * 1024 * 1024);
        List<long[]> reports = new ArrayList<>();

        SafeExtractor.Result result = SafeExtractor.builder()
                .progress((entries, bytes) -> reports.add(new long[] {entries, bytes}))
                .build()
                .extractTarGz(new ByteArrayInputStream(tar.gzipped()), "test.tar.gz", target);

        assertThat(result).isEqualTo(new SafeExtractor.Result(302, 3000 + 3 * 1024 * 1024));
        assertThat(reports.size()).isBetween(10, 100);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
            assertThat(reports.get(i)[1]).isGreaterThanOrEqualTo(reports.get(i - 1)[1]);
        }
        assertThat(reports.get(reports.size() - 1)).containsExactly(result.entries(), result.bytes());
    }

    @Test
    void readsTheStreamToItsEndWithoutClosingIt() {
        byte[] archive = TestArchives.tar().file("go/a", "a").gzipped();
        byte[] withTrailer = java.util.Arrays.copyOf(archive, archive.length + 1000);
        TrackingStream in = new TrackingStream(new ByteArrayInputStream(withTrailer));

        SafeExtractor.builder().build().extractTarGz(in, "test.tar.gz", target);

        assertThat(in.closed).isFalse();
        assertThat(in.atEnd).isTrue();
    }

    @Test
    void reportsAFailingStreamAsAnIoFailureNotAsACorruptArchive() {
        byte[] archive = TestArchives.tar().file("go/a", SafeExtractorHostileTarTest.random(200_000), 0644).gzipped();
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(archive, 0, 1000)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };

        Throwable thrown = catchThrowable(() -> SafeExtractor.builder().build().extractTarGz(failing, "t.tar.gz", target));

        assertThat(thrown).isInstanceOf(StorageException.class).hasMessageContaining("t.tar.gz")
                .hasMessageContaining("connection reset");
    }

    @Test
    void stopsPromptlyWhenCancelledBetweenEntries() {
        TestArchives.Tar tar = TestArchives.tar().dir("go/");
        for (int i = 0; i < 1000; i++) {
            tar.file("go/f" + i, "x");
        }
        AtomicInteger asked = new AtomicInteger();
        SafeExtractor extractor = SafeExtractor.builder().cancelled(() -> asked.incrementAndGet() > 10).build();

        assertThatThrownBy(() -> extractor.extractTarGz(new ByteArrayInputStream(tar.gzipped()), "t.tar.gz", target))
                .isInstanceOf(CancelledException.class).hasMessageContaining("t.tar.gz");
        assertThat(target.resolve("go").toFile().list()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void stopsPromptlyWhenCancelledInsideALargeFile() throws IOException {
        byte[] archive = TestArchives.tar().zeros("go/big", 64L * 1024 * 1024).gzipped();
        AtomicInteger asked = new AtomicInteger();
        Path big = target.resolve("go/big");
        // Counted once the file is being written: the gunzip stage asks too, before it gets there.
        SafeExtractor extractor = SafeExtractor.builder()
                .cancelled(() -> Files.exists(big) && asked.incrementAndGet() > 3).build();

        assertThatThrownBy(() -> extractor.extractTarGz(new ByteArrayInputStream(archive), "t.tar.gz", target))
                .isInstanceOf(CancelledException.class);
        assertThat(Files.size(big)).isLessThan(4L * 1024 * 1024);
    }

    @Test
    void stopsWhenTheThreadIsInterruptedAndKeepsTheInterrupt() {
        byte[] archive = TestArchives.tar().file("go/a", "a").gzipped();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> SafeExtractor.builder().build()
                    .extractTarGz(new ByteArrayInputStream(archive), "t.tar.gz", target))
                    .isInstanceOf(CancelledException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void requiresAnEmptyExistingTarget() throws IOException {
        byte[] archive = TestArchives.tar().file("go/a", "a").gzipped();
        SafeExtractor extractor = SafeExtractor.builder().build();
        Files.writeString(target.resolve("existing"), "x");

        assertThatThrownBy(() -> extractor.extractTarGz(new ByteArrayInputStream(archive), "t.tar.gz", target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        assertThatThrownBy(() -> extractor.extractTarGz(new ByteArrayInputStream(archive), "t.tar.gz",
                temp.resolve("missing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> extractor.extractTarGz(new ByteArrayInputStream(archive), "t.tar.gz",
                target.resolve("existing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void builderRefusesLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> SafeExtractor.builder().maxExpandedBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxExpandedBytes");
        assertThatThrownBy(() -> SafeExtractor.builder().maxEntries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> SafeExtractor.builder().progress(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void extractsAZipKeepingUnixModesSymlinksAndTimes() throws IOException {
        Path zip = TestArchives.zip()
                .dir("go/").dir("go/bin/")
                .file("go/bin/go", TestArchives.utf8("binary"), 0100755)
                .file("go/VERSION", "go1.99.0")
                .file("go/no-unix-mode", TestArchives.utf8("plain"), 0)
                .symlink("go/bin/alias", "go")
                .file("go/src/implicit/parent.go", "package implicit")
                .writeTo(temp.resolve("go.zip"));

        SafeExtractor.Result result = SafeExtractor.builder().build().extractZip(zip, "go.zip", target);

        assertThat(result).isEqualTo(new SafeExtractor.Result(7, 6 + 8 + 5 + 16));
        assertThat(target.resolve("go/VERSION")).hasContent("go1.99.0");
        assertThat(target.resolve("go/bin/alias")).hasContent("binary");
        assertThat(Files.isSymbolicLink(target.resolve("go/bin/alias"))).isTrue();
        assertThat(target.resolve("go/src/implicit/parent.go")).hasContent("package implicit");
        assertThat(Files.getLastModifiedTime(target.resolve("go/VERSION"), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(MODIFIED);
        if (POSIX) {
            assertPermissions("go/bin/go", "rwxr-xr-x");
            assertPermissions("go/VERSION", "rw-r--r--");
            assertPermissions("go/no-unix-mode", "rw-r--r--");
        }
    }

    @Test
    void reportsAMissingZipAsAnIoFailure() {
        assertThatThrownBy(() -> SafeExtractor.builder().build().extractZip(temp.resolve("none.zip"), "none.zip",
                target)).isInstanceOf(StorageException.class).hasMessageContaining("none.zip");
    }

    @Test
    void refusalsCarryTheCorruptArchiveResolution() {
        Throwable thrown = catchThrowable(() -> extract(TestArchives.tar().file("../x", "x").gzipped()));

        assertThat(thrown).isInstanceOf(VerificationException.class);
        assertThat(((VerificationException) thrown).resolutions())
                .containsExactly("the archive is corrupt or malicious: delete it and download it again from the"
                        + " official index (https://go.dev/dl/)");
    }

    /** Checks permissions as the process umask leaves them: the umask is not the extractor's to test. */
    private void assertPermissions(String name, String expected) throws IOException {
        Set<PosixFilePermission> wanted = EnumSet.copyOf(PosixFilePermissions.fromString(expected));
        wanted.retainAll(umaskAllows());
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(target.resolve(name), LinkOption.NOFOLLOW_LINKS);
        assertThat(PosixFilePermissions.toString(actual)).as(name).isEqualTo(PosixFilePermissions.toString(wanted));
    }

    private Set<PosixFilePermission> umaskAllows() throws IOException {
        Path probe = temp.resolve("umask-probe");
        Files.deleteIfExists(probe);
        Files.createFile(probe, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        return Files.getPosixFilePermissions(probe);
    }

    /** Records whether the stream was read to its end and whether it was closed. */
    private static final class TrackingStream extends FilterInputStream {
        boolean closed;
        boolean atEnd;

        TrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            atEnd |= n < 0;
            return n;
        }

        @Override
        public int read() throws IOException {
            int n = super.read();
            atEnd |= n < 0;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
