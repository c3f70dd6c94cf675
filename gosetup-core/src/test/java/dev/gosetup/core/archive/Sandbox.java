package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gosetup.api.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A target directory two levels below a temp directory, so that whatever escapes it by one or two
 * levels lands where the test looks: {@code <temp>/box/target}, next to {@code <temp>/box/outside}, a
 * file that attacks may aim at. Names of would-be escapes are unique
 * per sandbox ({@link #evil()}), so that the test can also look for them in {@code /tmp} and the
 * working directory.
 */
final class Sandbox {

    static final String ARCHIVE = "go1.99.0.test-hostile.tar.gz";

    final Path temp;
    final Path box;
    final Path target;
    final Path outside;
    private final String evil = "evil-" + UUID.randomUUID();

    Sandbox(Path temp) {
        this.temp = temp;
        this.box = temp.resolve("box");
        this.target = box.resolve("target");
        this.outside = box.resolve("outside");
        try {
            Files.createDirectories(target);
            Files.writeString(outside, "secret");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name no one else uses, for files an attack tries to create. */
    String evil() {
        return evil;
    }

    /** Extracts a tar.gz expecting a refusal; checks it names the archive and the entry, and that nothing escaped. */
    VerificationException refusesTarGz(byte[] gzipped, String entry) {
        return refusesTarGz(SafeExtractor.builder().build(), gzipped, entry);
    }

    VerificationException refusesTarGz(SafeExtractor extractor, byte[] gzipped, String entry) {
        Throwable thrown = catchThrowable(
                () -> extractor.extractTarGz(new ByteArrayInputStream(gzipped), ARCHIVE, target));
        return checkRefusal(thrown, ARCHIVE, entry);
    }

    /** Extracts a zip expecting a refusal; the zip is written next to the box, not inside it. */
    VerificationException refusesZip(byte[] zip, String entry) {
        return refusesZip(SafeExtractor.builder().build(), zip, entry);
    }

    VerificationException refusesZip(SafeExtractor extractor, byte[] zip, String entry) {
        Path file = temp.resolve("archive.zip");
        try {
            Files.write(file, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Throwable thrown = catchThrowable(() -> extractor.extractZip(file, "go1.99.0.test-hostile.zip", target));
        return checkRefusal(thrown, "go1.99.0.test-hostile.zip", entry);
    }

    private VerificationException checkRefusal(Throwable thrown, String archive, String entry) {
        assertThat(thrown).isInstanceOf(VerificationException.class);
        VerificationException refusal = (VerificationException) thrown;
        assertThat(refusal.getMessage()).contains(archive);
        if (entry != null) {
            assertThat(refusal.getMessage()).contains("'" + entry + "'");
        }
        assertThat(refusal.resolutions()).isNotEmpty();
        assertThat(refusal.resolutions().get(0)).contains("corrupt or malicious");
        assertNothingEscaped();
        return refusal;
    }

    /**
     * Nothing but the target and the untouched outside file in the box, nothing but the box (and
     * archives) in temp, no evil anywhere.
     */
    void assertNothingEscaped() {
        assertThat(names(box)).containsExactly("outside", "target");
        assertThat(outside).isRegularFile().hasContent("secret");
        assertThat(names(temp)).allMatch(name -> name.equals("box") || name.startsWith("archive"));
        for (Path place : List.of(Path.of("/tmp"), Path.of("").toAbsolutePath(), temp, box)) {
            assertThat(place.resolve(evil)).as("escaped into %s", place).doesNotExist();
            assertThat(Files.exists(place.resolve(evil), LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
