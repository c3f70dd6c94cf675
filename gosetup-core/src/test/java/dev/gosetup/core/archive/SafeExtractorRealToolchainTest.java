package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.testkit.HostPlatform;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.ToolchainMirror;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extracts the newest real toolchain of the testkit mirror (a go.dev-shaped archive of about 80 MB and
 * 15,000 entries) and runs it. Logs how long extraction took, and {@code tar -xzf} of the same archive
 * for comparison; neither is asserted.
 */
class SafeExtractorRealToolchainTest {

    private static final System.Logger LOG = System.getLogger(SafeExtractorRealToolchainTest.class.getName());

    @TempDir
    Path temp;

    @Test
    void extractsTheNewestToolchainIntoAGorootThatRuns() throws Exception {
        PackedToolchain packed = ToolchainMirror.build().newest();
        Path target = Files.createDirectory(temp.resolve("staging"));

        long start = System.nanoTime();
        SafeExtractor.Result result;
        try (InputStream in = Files.newInputStream(packed.archive())) {
            result = SafeExtractor.builder().build().extractTarGz(in, packed.filename(), target);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        long[] counted = count(packed.archive());
        assertThat(result.entries()).isEqualTo(counted[0]).isGreaterThan(10_000);
        assertThat(result.bytes()).isEqualTo(counted[1]).isGreaterThan(100_000_000);
        Path go = target.resolve("go/bin/go");
        assertThat(Files.isExecutable(go)).isTrue();
        ProcessBuilder builder = new ProcessBuilder(List.of(go.toString(), "version")).directory(temp.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GOTOOLCHAIN", "local");
        env.remove("GOFLAGS");
        env.remove("GOROOT");
        Process version = builder.start();
        String output;
        try (InputStream out = version.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(version.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(version.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("go version " + packed.version() + " " + HostPlatform.goos() + "/"
                + HostPlatform.goarch());

        LOG.log(System.Logger.Level.INFO, "SafeExtractor extracted {0} ({1} MB compressed): {2} entries, {3} MB"
                + " in {4} ms; tar -xzf: {5}", packed.filename(), packed.size() >> 20, result.entries(),
                result.bytes() >> 20, millis, timeTar(packed.archive()));
    }

    /** Entries (not counting pax headers) and bytes of file data, read independently of the extractor. */
    private static long[] count(Path archive) throws IOException {
        long entries = 0;
        long bytes = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(archive)), 64 * 1024))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries++;
                if (entry.isFile() && !entry.isLink() && !entry.isSymbolicLink()) {
                    bytes += entry.getSize();
                }
            }
        }
        return new long[] {entries, bytes};
    }

    /** How long the system tar takes for the same archive, for the log only. */
    private String timeTar(Path archive) {
        try {
            Path target = Files.createDirectory(temp.resolve("tar"));
            long start = System.nanoTime();
            Process tar = new ProcessBuilder(List.of("tar", "-xzf", archive.toString(), "-C", target.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!tar.waitFor(2, TimeUnit.MINUTES)) {
                tar.destroyForcibly();
                return "timed out";
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return tar.exitValue() == 0 ? millis + " ms" : "failed (exit " + tar.exitValue() + ")";
        } catch (IOException e) {
            return "not run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
