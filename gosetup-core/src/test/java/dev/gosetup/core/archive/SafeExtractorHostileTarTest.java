package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gosetup.api.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hostile tar.gz per attack. Each must be refused with a {@link VerificationException} naming the
 * archive and the entry, with nothing created outside the target directory.
 */
class SafeExtractorHostileTarTest {

    @TempDir
    Path temp;

    private Sandbox sandbox;
    private String evil;

    @BeforeEach
    void setUp() {
        sandbox = new Sandbox(temp);
        evil = sandbox.evil();
    }

    @Test
    void refusesAParentSegmentAtTheStart() {
        String name = "../" + evil;
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
        assertThat(refusal.getMessage()).contains("'..' segment");
    }

    @Test
    void refusesAParentSegmentInsideTheTree() {
        String name = "go/../../" + evil;
        sandbox.refusesTarGz(TestArchives.tar().dir("go/").file(name, "x").gzipped(), name);
    }

    @Test
    void refusesAParentSegmentEvenWhenItWouldStayInside() {
        String name = "go/bin/../" + evil;
        sandbox.refusesTarGz(TestArchives.tar().dir("go/bin/").file(name, "x").gzipped(), name);
    }

    @Test
    void refusesEnoughParentSegmentsToReachTmp() {
        String name = "../".repeat(40) + "tmp/" + evil;
        sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
    }

    @Test
    void refusesAnAbsolutePath() {
        String name = temp.resolve(evil).toString();
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
        assertThat(refusal.getMessage()).contains("absolute path");
    }

    @Test
    void refusesADriveLetterWithSlash() {
        String name = "C:/" + evil;
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
        assertThat(refusal.getMessage()).contains("drive letter");
    }

    @Test
    void refusesADriveLetterWithBackslash() {
        String name = "C:\\" + evil;
        sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
    }

    @Test
    void refusesADriveRelativePath() {
        String name = "C:" + evil;
        sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
    }

    @Test
    void refusesBackslashesAnywhere() {
        String name = "go\\..\\..\\" + evil;
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
        assertThat(refusal.getMessage()).contains("backslash");
    }

    @Test
    void refusesAControlCharacterAndEscapesItInTheMessage() {
        String name = "go/" + evil + "\u001b[2J";
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(),
                "go/" + evil + "\\u001b[2J");
        assertThat(refusal.getMessage()).contains("control character").doesNotContain("\u001b");
    }

    @Test
    void refusesADotsOnlySegmentThatWindowsReadsAsParent() {
        String name = "go/.../" + evil;
        sandbox.refusesTarGz(TestArchives.tar().file(name, "x").gzipped(), name);
    }

    @Test
    void refusesASymlinkToAnAbsolutePath() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().dir("go/").symlink("go/etc", "/etc").gzipped(), "go/etc");
        assertThat(refusal.getMessage()).contains("absolute path");
        assertThat(sandbox.target.resolve("go/etc")).doesNotExist();
    }

    @Test
    void refusesASymlinkClimbingOutOfTheTarget() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().dir("go/").symlink("go/out", "../../outside").gzipped(), "go/out");
        assertThat(refusal.getMessage()).contains("points outside the target directory");
    }

    @Test
    void refusesASymlinkClimbingFarOutOfTheTarget() {
        sandbox.refusesTarGz(TestArchives.tar().symlink("link", "../".repeat(30) + "tmp/" + evil).gzipped(),
                "link");
    }

    @Test
    void refusesWritingThroughASymlinkThatStaysInside() {
        // go/x -> .. is the target directory itself: harmless alone, but nothing may be written through it.
        String name = "go/x/" + evil;
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar()
                .dir("go/").symlink("go/x", "..").file(name, "x").gzipped(), name);
        assertThat(refusal.getMessage()).contains("goes through the symlink 'go/x'");
        assertThat(sandbox.target.resolve(evil)).doesNotExist();
    }

    @Test
    void refusesCreatingADirectoryThroughASymlink() {
        String name = "go/x/sub/";
        sandbox.refusesTarGz(TestArchives.tar().dir("go/").symlink("go/x", "..").dir(name).gzipped(), name);
    }

    @Test
    void refusesAFileWhoseNameIsAnEarlierSymlink() {
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar()
                .dir("go/").file("go/real", "real").symlink("go/x", "real").file("go/x", "replaced").gzipped(),
                "go/x");
        assertThat(refusal.getMessage()).contains("symlink of that name was extracted before");
        assertThat(sandbox.target.resolve("go/real")).hasContent("real");
    }

    @Test
    void refusesASymlinkThroughAnotherSymlink() {
        // go/x/.. is the parent of the target directory, whatever go/x/.. looks like lexically.
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar()
                .dir("go/").symlink("go/x", "..").symlink("go/y", "x/../" + evil).gzipped(), "go/y");
        assertThat(refusal.getMessage()).contains("passes through the symlink 'go/x'");
    }

    @Test
    void refusesAChainOfTwoSymlinksBeforeWritingThroughIt() {
        String name = "go/b/" + evil;
        sandbox.refusesTarGz(TestArchives.tar()
                .dir("go/").symlink("go/a", "..").symlink("go/b", "a").file(name, "x").gzipped(), name);
    }

    @Test
    void refusesASymlinkThatOnlyEscapesThroughALinkExtractedAfterIt() {
        // When go/d/y is extracted, go/x is nothing yet; once go/x -> .. exists, go/d/y leads outside.
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar()
                .dir("go/d/").symlink("go/d/y", "../x/../..").symlink("go/x", "..").gzipped(), "go/d/y");
        assertThat(refusal.getMessage()).contains("passes through the symlink 'go/x'");
    }

    @Test
    void refusesAHardLinkToAnAbsolutePath() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().dir("go/").hardLink("go/passwd", "/etc/passwd").gzipped(), "go/passwd");
        assertThat(refusal.getMessage()).contains("hard link target '/etc/passwd'");
        assertThat(sandbox.target.resolve("go/passwd")).doesNotExist();
    }

    @Test
    void refusesAHardLinkOutOfTheTarget() {
        sandbox.refusesTarGz(TestArchives.tar().hardLink("stolen", "../outside").gzipped(), "stolen");
        assertThat(sandbox.target.resolve("stolen")).doesNotExist();
    }

    @Test
    void refusesASymlinkToAnExistingFileOutside() {
        sandbox.refusesTarGz(TestArchives.tar().symlink("stolen", "../outside").gzipped(), "stolen");
    }

    @Test
    void refusesAHardLinkToASymlink() {
        VerificationException refusal = sandbox.refusesTarGz(TestArchives.tar()
                .dir("go/").file("go/a", "a").symlink("go/l", "a").hardLink("go/h", "go/l").gzipped(), "go/h");
        assertThat(refusal.getMessage()).contains("not a regular file extracted before");
    }

    @Test
    void refusesAHardLinkToSomethingNotYetExtracted() {
        sandbox.refusesTarGz(TestArchives.tar().hardLink("go/h", "go/later").file("go/later", "x").gzipped(),
                "go/h");
    }

    @Test
    void refusesACharacterDevice() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().special("go/null", TarConstants.LF_CHR).gzipped(), "go/null");
        assertThat(refusal.getMessage()).contains("character device");
    }

    @Test
    void refusesABlockDevice() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().special("go/sda", TarConstants.LF_BLK).gzipped(), "go/sda");
        assertThat(refusal.getMessage()).contains("block device");
    }

    @Test
    void refusesAFifo() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().special("go/pipe", TarConstants.LF_FIFO).gzipped(), "go/pipe");
        assertThat(refusal.getMessage()).contains("FIFO");
    }

    @ParameterizedTest
    @ValueSource(chars = {'V', 'M', 'N', 'D', 'A', 'Z'})
    void refusesOtherEntryTypes(char type) {
        sandbox.refusesTarGz(TestArchives.tar().special("go/odd", (byte) type).gzipped(), "go/odd");
    }

    @Test
    void refusesADuplicateFile() {
        VerificationException refusal = sandbox.refusesTarGz(
                TestArchives.tar().file("go/a", "first").file("go/a", "second").gzipped(), "go/a");
        assertThat(refusal.getMessage()).contains("file of that name was extracted before");
        assertThat(sandbox.target.resolve("go/a")).hasContent("first");
    }

    @Test
    void refusesAFileBelowAFile() {
        sandbox.refusesTarGz(TestArchives.tar().file("go/a", "x").file("go/a/b", "y").gzipped(), "go/a/b");
    }

    @Test
    void refusesMoreBytesThanTheLimitFromOneLargeFile() {
        SafeExtractor small = SafeExtractor.builder().maxExpandedBytes(1024 * 1024).build();
        VerificationException refusal = sandbox.refusesTarGz(small,
                TestArchives.tar().zeros("go/zeros", 8L * 1024 * 1024).gzipped(), "go/zeros");
        assertThat(refusal.getMessage()).contains("expands to more than 1048576 bytes");
        assertThat(refusal.resolutions()).anyMatch(fix -> fix.contains("maxExpandedBytes"));
    }

    @Test
    void refusesMoreBytesThanTheLimitFromManySmallFiles() {
        TestArchives.Tar tar = TestArchives.tar();
        for (int i = 0; i < 40; i++) {
            tar.zeros("go/f" + i, 30_000);
        }
        SafeExtractor small = SafeExtractor.builder().maxExpandedBytes(1_000_000).build();
        sandbox.refusesTarGz(small, tar.gzipped(), "go/f33");
    }

    @Test
    void allowsExactlyTheLimit() throws IOException {
        SafeExtractor exact = SafeExtractor.builder().maxExpandedBytes(10).build();
        byte[] ok = TestArchives.tar().file("a", "12345").file("b", "12345").gzipped();
        assertThat(exact.extractTarGz(new ByteArrayInputStream(ok), "ok", sandbox.target).bytes()).isEqualTo(10);
        Path other = Files.createDirectory(temp.resolve("box2"));
        byte[] over = TestArchives.tar().file("a", "12345").file("b", "123456").gzipped();
        Throwable thrown = catchThrowable(() -> exact.extractTarGz(new ByteArrayInputStream(over), "over", other));
        assertThat(thrown).isInstanceOf(VerificationException.class).hasMessageContaining("entry 'b'");
    }

    @Test
    void refusesMoreEntriesThanTheLimit() {
        TestArchives.Tar tar = TestArchives.tar().dir("go/");
        for (int i = 0; i < 10; i++) {
            tar.file("go/f" + i, "x");
        }
        SafeExtractor small = SafeExtractor.builder().maxEntries(5).build();
        VerificationException refusal = sandbox.refusesTarGz(small, tar.gzipped(), "go/f4");
        assertThat(refusal.getMessage()).contains("more than 5 entries");
    }

    @Test
    void refusesATruncatedGzipStreamNamingTheEntryBeingRead() {
        byte[] whole = TestArchives.tar().dir("go/").file("go/random", random(300_000), 0644).gzipped();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        VerificationException refusal = sandbox.refusesTarGz(cut, "go/random");
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
        assertThat(refusal.getCause()).isNotNull();
    }

    @Test
    void refusesAGzipStreamCutBeforeItsChecksum() {
        byte[] whole = TestArchives.tar().file("go/a", "x").gzipped();
        VerificationException refusal = sandbox.refusesTarGz(Arrays.copyOf(whole, whole.length - 4), null);
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesAGzipStreamWithABadChecksum() {
        byte[] whole = TestArchives.tar().file("go/a", "x").gzipped();
        whole[whole.length - 6] ^= 0x55;
        VerificationException refusal = sandbox.refusesTarGz(whole, null);
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesATarCutInsideAnEntry() throws IOException {
        byte[] tar = gunzip(TestArchives.tar().file("go/random", random(100_000), 0644).gzipped());
        byte[] cut = gzip(Arrays.copyOf(tar, 512 + 50_000));
        VerificationException refusal = sandbox.refusesTarGz(cut, "go/random");
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesGarbage() {
        VerificationException refusal = sandbox.refusesTarGz(random(10_000), null);
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesGzippedGarbage() throws IOException {
        VerificationException refusal = sandbox.refusesTarGz(gzip(random(10_000)), null);
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesAnEmptyStream() {
        sandbox.refusesTarGz(new byte[0], null);
    }

    @Test
    void refusesMuchDataAfterTheEndOfTheTar() throws IOException {
        byte[] tar = gunzip(TestArchives.tar().file("go/a", "x").gzipped());
        byte[] padded = Arrays.copyOf(tar, tar.length + 3 * 1024 * 1024);
        VerificationException refusal = sandbox.refusesTarGz(gzip(padded), null);
        assertThat(refusal.getMessage()).contains("follow the end of the tar data");
    }

    @Test
    void leavesNoSymlinkBehindWhenRefusingOne() {
        sandbox.refusesTarGz(TestArchives.tar().dir("go/").symlink("go/etc", "/etc").gzipped(), "go/etc");
        assertThat(Files.exists(sandbox.target.resolve("go/etc"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(42).nextBytes(bytes);
        return bytes;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] gzipped) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
