package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile zip per attack. Each must be refused with a {@link VerificationException} naming the
 * archive and the entry, with nothing created outside the target directory.
 */
class SafeExtractorHostileZipTest {

    private static final int CENTRAL_DIRECTORY_SIGNATURE = 0x02014b50;
    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;

    @TempDir
    java.nio.file.Path temp;

    private Sandbox sandbox;
    private String evil;

    @BeforeEach
    void setUp() {
        sandbox = new Sandbox(temp);
        evil = sandbox.evil();
    }

    @Test
    void refusesAParentSegment() {
        String name = "../" + evil;
        sandbox.refusesZip(TestArchives.zip().file(name, "x").bytes(), name);
    }

    @Test
    void refusesAParentSegmentInsideTheTree() {
        String name = "go/../../" + evil;
        sandbox.refusesZip(TestArchives.zip().dir("go/").file(name, "x").bytes(), name);
    }

    @Test
    void refusesAnAbsolutePath() {
        String name = temp.resolve(evil).toString();
        sandbox.refusesZip(TestArchives.zip().file(name, "x").bytes(), name);
    }

    @Test
    void refusesADriveLetter() {
        String name = "C:/" + evil;
        sandbox.refusesZip(TestArchives.zip().file(name, "x").bytes(), name);
    }

    @Test
    void refusesBackslashesEvenWhereZipToolsWouldConvertThem() {
        // commons-compress turns backslashes of FAT-made entries into slashes; either way it is refused.
        String name = "go\\..\\..\\" + evil;
        VerificationException refusal = sandbox.refusesZip(TestArchives.zip().file(name, "x").bytes(), null);
        assertThat(refusal.getMessage()).containsAnyOf("'" + name + "'", "'go/../../" + evil + "'");
    }

    @Test
    void refusesASymlinkEscaping() {
        VerificationException refusal = sandbox.refusesZip(
                TestArchives.zip().dir("go/").symlink("go/link", "../../" + evil).bytes(), "go/link");
        assertThat(refusal.getMessage()).contains("points outside the target directory");
    }

    @Test
    void refusesAnAbsoluteSymlink() {
        sandbox.refusesZip(TestArchives.zip().symlink("etc", "/etc").bytes(), "etc");
    }

    @Test
    void refusesWritingThroughASymlink() {
        String name = "go/x/" + evil;
        sandbox.refusesZip(TestArchives.zip().dir("go/").symlink("go/x", "..").file(name, "x").bytes(), name);
    }

    @Test
    void refusesASpecialFileByItsUnixMode() {
        VerificationException refusal = sandbox.refusesZip(
                TestArchives.zip().file("go/null", new byte[0], 0020644).bytes(), "go/null");
        assertThat(refusal.getMessage()).contains("special file");
    }

    @Test
    void refusesAFifoByItsUnixMode() {
        sandbox.refusesZip(TestArchives.zip().file("go/pipe", new byte[0], 0010644).bytes(), "go/pipe");
    }

    @Test
    void refusesADuplicateFile() {
        sandbox.refusesZip(TestArchives.zip().file("go/a", "one").file("go/a", "two").bytes(), "go/a");
        assertThat(sandbox.target.resolve("go/a")).hasContent("one");
    }

    @Test
    void refusesAnEntryWhoseDataIsLongerThanItsDeclaredSizeBeforeWritingMore() throws IOException {
        // commons-compress inflates past the declared size; the extractor must stop at it.
        byte[] zip = TestArchives.zip().file("go/bomb", new byte[8 * 1024 * 1024], 0100644).bytes();
        patchUncompressedSizes(zip, 100);
        VerificationException refusal = sandbox.refusesZip(zip, "go/bomb");
        assertThat(refusal.getMessage()).contains("holds more than the 100 bytes it declares");
        assertThat(Files.size(sandbox.target.resolve("go/bomb"))).isLessThanOrEqualTo(100);
    }

    @Test
    void refusesAnEntryWhoseDataIsShorterThanItsDeclaredSize() {
        byte[] zip = TestArchives.zip().file("go/short", new byte[1000], 0100644).bytes();
        patchUncompressedSizes(zip, 5000);
        VerificationException refusal = sandbox.refusesZip(zip, "go/short");
        assertThat(refusal.getMessage()).containsAnyOf("declares 5000 bytes but holds 1000", "truncated or corrupt");
    }

    @Test
    void countsTheBytesOfABombAgainstTheLimitWhateverItDeclares() {
        TestArchives.Zip builder = TestArchives.zip();
        for (int i = 0; i < 8; i++) {
            builder.file("go/bomb" + i, new byte[256 * 1024], 0100644);
        }
        SafeExtractor small = SafeExtractor.builder().maxExpandedBytes(1024 * 1024).build();
        VerificationException refusal = sandbox.refusesZip(small, builder.bytes(), "go/bomb4");
        assertThat(refusal.getMessage()).contains("expands to more than 1048576 bytes");
    }

    @Test
    void refusesMoreBytesThanTheLimit() {
        TestArchives.Zip zip = TestArchives.zip();
        for (int i = 0; i < 10; i++) {
            zip.file("go/f" + i, new byte[300_000], 0100644);
        }
        SafeExtractor small = SafeExtractor.builder().maxExpandedBytes(1_000_000).build();
        sandbox.refusesZip(small, zip.bytes(), "go/f3");
    }

    @Test
    void refusesMoreEntriesThanTheLimit() {
        TestArchives.Zip zip = TestArchives.zip();
        for (int i = 0; i < 10; i++) {
            zip.file("f" + i, "x");
        }
        sandbox.refusesZip(SafeExtractor.builder().maxEntries(3).build(), zip.bytes(), "f3");
    }

    @Test
    void refusesATruncatedZip() {
        byte[] zip = TestArchives.zip().file("go/a", SafeExtractorHostileTarTest.random(50_000), 0100644).bytes();
        VerificationException refusal = sandbox.refusesZip(Arrays.copyOf(zip, zip.length / 2), null);
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesCorruptCompressedDataNamingTheEntry() {
        byte[] zip = TestArchives.zip().file("go/text", "hello ".repeat(20_000)).bytes();
        for (int i = 60; i < 200; i++) {
            zip[i] = (byte) 0xff;
        }
        VerificationException refusal = sandbox.refusesZip(zip, "go/text");
        assertThat(refusal.getMessage()).contains("is truncated or corrupt");
    }

    @Test
    void refusesGarbage() {
        sandbox.refusesZip(SafeExtractorHostileTarTest.random(10_000), null);
    }

    /** Rewrites the uncompressed size in every local header and central directory record. */
    private static void patchUncompressedSizes(byte[] zip, int size) {
        for (int i = 0; i + 30 < zip.length; i++) {
            int signature = littleEndian(zip, i);
            if (signature == LOCAL_HEADER_SIGNATURE && littleEndian(zip, i + 22) != 0) {
                putLittleEndian(zip, i + 22, size);
            } else if (signature == CENTRAL_DIRECTORY_SIGNATURE) {
                putLittleEndian(zip, i + 24, size);
            }
        }
    }

    private static int littleEndian(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void putLittleEndian(byte[] b, int at, int value) {
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (value >>> (8 * k));
        }
    }
}
