import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.ToolchainMirror;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The install benchmark; run through bench/install.sh. Each round runs the four contenders in
 * turn (interleaved, so drift in the machine's state hits them alike), each into a fresh
 * directory on the same file system.
 */
public class InstallBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        if (args.length > 1 && args[1].equals("--peak-heap")) {
            peakHeapChild(Path.of(args[2]), args[3], args[4], args[5]);
            return;
        }
        ToolchainMirror mirror = ToolchainMirror.build();
        PackedToolchain go = mirror.newest();
        // Where the installs land: target/ (the disk) by default, or e.g. /dev/shm to take the disk out.
        Path base = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target"));
        Path work = Files.createTempDirectory(base, "gosetup-bench-");
        System.out.printf(Locale.ROOT, "toolchain %s, archive %.1f MiB, %d runs each, interleaved, into %s%n",
                go.version(), go.size() / 1048576.0, runs, work);
        List<Double> library = new ArrayList<>();
        List<Double> pipe = new ArrayList<>();
        List<Double> sequential = new ArrayList<>();
        List<Double> plainTar = new ArrayList<>();
        try (MirrorServer server = MirrorServer.start(mirror)) {
            String url = server.uri(go.filename()).toString();
            // One unmeasured round warms the page cache and the JIT for everybody.
            libraryInstall(server, work.resolve("warmup"), go);
            // Deleting thousands of files makes the next creations slow on ext4 for minutes, so nothing
            // is deleted until the end, and the order rotates each round so nobody always goes first.
            List<Body> contenders = new ArrayList<>();
            for (int round = 0; round < runs; round++) {
                int i = round;
                Path dir = work.resolve("seq-" + i);
                contenders.clear();
                contenders.add(() -> library.add(time(() -> libraryInstall(server, work.resolve("lib-" + i), go))));
                contenders.add(() -> pipe.add(time(() -> run(work.resolve("pipe-" + i), List.of("curl", "-sf", url),
                        List.of("tar", "-xz")))));
                contenders.add(() -> sequential.add(time(() -> {
                    run(dir, List.of("curl", "-sf", "-o", "go.tar.gz", url));
                    run(dir, List.of("sha256sum", "go.tar.gz"));
                    run(dir, List.of("tar", "-xzf", "go.tar.gz"));
                })));
                // The baseline of the target: plain tar of the same archive, already on the local disk.
                contenders.add(() -> plainTar.add(time(() -> run(work.resolve("tar-" + i),
                        List.of("tar", "-xzf", go.archive().toAbsolutePath().toString())))));
                java.util.Collections.rotate(contenders, round);
                for (Body contender : contenders) {
                    contender.run();
                }
            }
            double lib = median(library);
            double p = median(pipe);
            double s = median(sequential);
            double t = median(plainTar);
            System.out.printf(Locale.ROOT, "cold install, library (download+sha256+extract+go version+commit): median %.0f ms  runs %s%n", lib, fmt(library));
            System.out.printf(Locale.ROOT, "cold install, curl | tar -xz:                                   median %.0f ms  runs %s%n", p, fmt(pipe));
            System.out.printf(Locale.ROOT, "cold install, curl -o && sha256sum && tar -xzf:                 median %.0f ms  runs %s%n", s, fmt(sequential));
            System.out.printf(Locale.ROOT, "tar -xzf of the same archive from local disk:                  median %.0f ms  runs %s%n", t, fmt(plainTar));
            System.out.printf(Locale.ROOT, "ratio library / tar -xzf (local file) = %.2f  (target <= 1.10)%n", lib / t);
            System.out.printf(Locale.ROOT, "ratio library / curl|tar = %.2f   library / curl+sha256sum+tar = %.2f%n", lib / p, lib / s);

            phases(server, work.resolve("phases"), go);

            Path warmHome = work.resolve("warmup");
            GoInstaller warm = GoInstaller.builder(Map.of()).home(warmHome).index(server.indexUri())
                    .mirrors(List.of(server.baseUri())).build();
            VersionSpec spec = VersionSpec.parse(go.version());
            List<Double> warmMicros = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                long t0 = System.nanoTime();
                warm.ensure(spec, InstallListener.NOOP, new CancellationToken());
                warmMicros.add((System.nanoTime() - t0) / 1000.0);
            }
            List<Double> measured = warmMicros.subList(1000, 2000);
            List<Double> sorted = measured.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "warm ensure (installed exact version): first call %.0f us, median %.1f us, p99 %.1f us%n",
                    warmMicros.get(0), median(measured), sorted.get((int) (sorted.size() * 0.99)));

            Path heapHome = work.resolve("heap");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), "bench/InstallBench.java", "1", "--peak-heap",
                    heapHome.toString(), server.indexUri().toString(), server.baseUri().toString(), go.version())
                    .inheritIO().start();
            if (child.waitFor() != 0) {
                System.out.println("peak heap: the install FAILED with -Xmx64m");
            }
        } finally {
            delete(work);
        }
    }

    /**
     * Runs in a child JVM started with -Xmx64m: one cold install, sampling the heap in use every
     * 5 ms. That the install completes at all under -Xmx64m is the hard bound; the sample is what
     * the heap really held (live data plus garbage not yet collected).
     */
    static void peakHeapChild(Path home, String index, String mirror, String version) throws Exception {
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        GoInstaller.builder(Map.of()).home(home).index(java.net.URI.create(index))
                .mirrors(List.of(java.net.URI.create(mirror))).build()
                .ensure(VersionSpec.parse(version), InstallListener.NOOP, new CancellationToken());
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "cold install under -Xmx64m: completed; heap in use peaked at %.1f MiB (sampled every 5 ms)%n",
                peak.get() / 1048576.0);
    }

    /**
     * One more cold install, untimed by the medians, that prints when each phase ended (ms from the
     * start): whether the download is hidden behind extraction, and what the checks after it cost.
     */
    static void phases(MirrorServer server, Path home, PackedToolchain go) throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        long t0 = System.nanoTime();
        Map<String, Long> at = new java.util.concurrent.ConcurrentHashMap<>();
        InstallListener timeline = new InstallListener() {
            private void mark(String phase) {
                at.put(phase, (System.nanoTime() - t0) / 1_000_000);
            }

            @Override
            public void resolved(dev.gosetup.api.Release release, dev.gosetup.api.ReleaseFile archive) {
                mark("index resolved");
            }

            @Override
            public void downloadStarted(java.net.URI uri, long offset, long total) {
                mark("download started");
            }

            @Override
            public void downloadProgress(long bytes, long total) {
                if (bytes >= total) {
                    at.putIfAbsent("download done", (System.nanoTime() - t0) / 1_000_000);
                }
            }

            @Override
            public void extracting(long entries, long bytes) {
                at.putIfAbsent("extraction started", (System.nanoTime() - t0) / 1_000_000);
                mark("extraction last progress");
            }

            @Override
            public void verifying(dev.gosetup.api.ReleaseFile archive) {
                mark("verified (sha256 known)");
            }

            @Override
            public void committing(java.nio.file.Path goroot) {
                mark("go version checked, committing");
            }

            @Override
            public void done(dev.gosetup.api.Toolchain toolchain, boolean alreadyInstalled) {
                mark("done");
            }
        };
        GoInstaller.builder(Map.of()).home(home).index(server.indexUri()).mirrors(List.of(server.baseUri())).build()
                .ensure(VersionSpec.parse(go.version()), timeline, new CancellationToken());
        StringBuilder line = new StringBuilder("phases of one more cold install (ms from the start):");
        at.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> line.append(String.format(Locale.ROOT, "  %s %d;", e.getKey(), e.getValue())));
        System.out.println(line);
    }

    interface Body {
        void run() throws Exception;
    }

    static double time(Body body) throws Exception {
        // Flush the previous contender's dirty pages first, so nobody pays for another's writeback.
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static void libraryInstall(MirrorServer server, Path home, PackedToolchain go) {
        GoInstaller.builder(Map.of()).home(home).index(server.indexUri()).mirrors(List.of(server.baseUri())).build()
                .ensure(VersionSpec.parse(go.version()), InstallListener.NOOP, new CancellationToken());
    }

    /** Runs one command, or a pipeline of several, in a fresh directory; fails on a non-zero exit. */
    @SafeVarargs
    static void run(Path dir, List<String>... commands) throws Exception {
        Files.createDirectories(dir);
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> c : commands) {
            builders.add(new ProcessBuilder(c).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT));
        }
        builders.get(builders.size() - 1).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        for (Process p : ProcessBuilder.startPipeline(builders)) {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + commands[0]);
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}
