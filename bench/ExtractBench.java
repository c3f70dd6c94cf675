import dev.gosetup.core.archive.SafeExtractor;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.ToolchainMirror;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Extraction alone: {@link SafeExtractor#extractTarGz} of the newest real toolchain archive of the testkit's mirror
 * (or the archive given), from a file already in the page cache, into a fresh directory per run; no download, no
 * hashing. Prints each run and the median. Run through bench/extract.sh; with RUNS=0 it only loads the classes,
 * which gives the JVM's own system calls to subtract under strace.
 */
public class ExtractBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path base = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target"));
        Path archive;
        if (args.length > 2) {
            archive = Path.of(args[2]);
        } else {
            PackedToolchain go = ToolchainMirror.build().newest();
            archive = go.archive();
        }
        SafeExtractor extractor = SafeExtractor.builder().build();
        if (runs == 0) {
            System.out.println("no runs: classes loaded only (" + extractor + ")");
            return;
        }
        Path work = Files.createTempDirectory(base, "gosetup-extract-bench-");
        System.out.printf(Locale.ROOT, "archive %s, %.1f MiB, %d runs into %s%n", archive,
                Files.size(archive) / 1048576.0, runs, work);
        Files.readAllBytes(archive); // into the page cache
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path target = Files.createDirectory(work.resolve("run-" + i));
            long start = System.nanoTime();
            SafeExtractor.Result result;
            try (InputStream in = Files.newInputStream(archive)) {
                result = extractor.extractTarGz(in, archive.getFileName().toString(), target);
            }
            double s = (System.nanoTime() - start) / 1e9;
            seconds.add(s);
            System.out.printf(Locale.ROOT, "run %d: %.2f s (%d entries, %d bytes)%n", i, s, result.entries(),
                    result.bytes());
        }
        Collections.sort(seconds);
        System.out.printf(Locale.ROOT, "median %.2f s over %d runs (min %.2f, max %.2f); %s is left for inspection%n",
                seconds.get(seconds.size() / 2), runs, seconds.get(0), seconds.get(seconds.size() - 1), work);
    }
}
