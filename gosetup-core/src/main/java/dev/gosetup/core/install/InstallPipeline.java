package dev.gosetup.core.install;

import dev.gosetup.api.ArchiveKind;
import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.ReleaseFile;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.archive.SafeExtractor;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.internal.Sha256;
import dev.gosetup.core.internal.StorageFailures;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The archive-install pipeline behind {@link GoInstaller}: download → verify → extract → commit.
 *
 * <p>{@link #install} takes the toolchain's lock, gives a stager a fresh staging directory, runs the
 * staged {@code go version} (for this host's platform), and renames the result into the store;
 * whatever happens, the staging directory is gone when it returns, and nothing is visible as
 * installed before the rename. {@link #stageArchive} is the stager for go.dev's archives: it
 * downloads (resuming, through the mirrors in order), checks the size and SHA-256 against the index,
 * and extracts with {@link SafeExtractor}, a tar.gz while it downloads.
 *
 * <p>Failures are {@code GoSetupException} kinds naming the file or URL: {@link NetworkException},
 * {@link VerificationException}, {@link dev.gosetup.api.StorageException} (a full disk, a directory
 * not writable), {@link NotFoundException}, {@link CancelledException}. Thread-safe.
 */
final class InstallPipeline {
    private static final System.Logger LOG = System.getLogger(GoInstaller.class.getName());
    private static final Duration GO_VERSION_TIMEOUT = Duration.ofSeconds(60);

    private final InstallerSettings settings;
    private final ToolchainStore store;

    InstallPipeline(InstallerSettings settings, ToolchainStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** A staged GOROOT, not yet checked by running it, and where it came from. */
    record Staged(Path goroot, URI source, String sha256) {
    }

    /**
     * Installs one toolchain under its lock: stages it, checks it, commits it.
     *
     * @param what the source, for messages, e.g. the archive's file name
     * @param stager puts the toolchain into the fresh staging directory it is given
     */
    @SuppressWarnings("try") // the lock is held for the block; its body need not touch it
    Toolchain install(GoVersion version, String what, Function<Path, Staged> stager, InstallListener events,
            CancellationToken cancel) {
        String id = Toolchain.idOf(version, settings.platform());
        store.cleanDebris();
        try (ToolchainStore.Lock lock = store.lock(id)) {
            Optional<Toolchain> raced = store.installed(version, settings.platform());
            if (raced.isPresent()) {
                // Another thread or process installed it while we waited for the lock.
                events.done(raced.get(), true);
                return raced.get();
            }
            store.cleanStaging(id);
            Path staging = store.newStaging(id);
            try {
                Staged staged = stager.apply(staging);
                Path stagedGoroot = staged.goroot();
                if (settings.platform().equals(settings.host())) {
                    checkGoVersion(stagedGoroot, version, what, cancel);
                } else {
                    events.skipped("go version", "the toolchain is for " + settings.platform() + " and cannot run on"
                            + " this " + settings.host() + " host; its SHA-256 was checked before it was unpacked ("
                            + what + ")");
                }
                cancel.throwIfCancelled("install of " + version);
                Toolchain toolchain = new Toolchain(version, settings.platform(), store.gorootOf(id));
                events.committing(toolchain.goroot());
                store.commit(stagedGoroot, new InstalledToolchain(toolchain, staged.source(), staged.sha256(),
                        settings.clock().instant()));
                LOG.log(Level.DEBUG, () -> "installed " + id + " from " + staged.source());
                events.done(toolchain, false);
                return toolchain;
            } finally {
                deleteQuietly(staging);
            }
        }
    }

    /** Stages a go.dev archive: fetched (or taken from the cache), verified, extracted, its layout checked. */
    Staged stageArchive(ReleaseFile archive, Path staging, InstallListener events, CancellationToken cancel) {
        Download download = fetchAndExtract(archive, staging, events, cancel);
        return new Staged(checkLayout(staging, archive), download.source(), archive.sha256());
    }

    private record Download(Path file, URI source, HttpDownloader.Result result) {
    }

    /**
     * Puts the archive's contents into {@code staging} and returns the verified archive. A cached
     * archive is checked and extracted; otherwise a tar.gz is extracted while it downloads (the
     * download runs on a thread of its own), and a zip, which needs its central directory, after.
     * Either way the size and SHA-256 are checked against the index before this returns, and a
     * mismatch wins over any extraction error: it is the more fundamental fault.
     */
    private Download fetchAndExtract(ReleaseFile archive, Path staging, InstallListener events,
            CancellationToken cancel) {
        Path cached = store.downloadPath(archive.filename());
        if (Files.isRegularFile(cached)) {
            events.verifying(archive);
            if (size(cached) == archive.size() && sha256(cached).equals(archive.sha256())) {
                extract(cached, archive, staging, events, cancel);
                return new Download(cached, cached.toUri(), new HttpDownloader.Result(archive.size(), archive.sha256()));
            }
            String message = "cached archive " + cached + " does not match the index; downloading it again";
            LOG.log(Level.DEBUG, message);
            events.warning(message);
            deleteQuietly(cached);
        }
        if (settings.offline()) {
            throw new NotFoundException(archive.filename() + " is not in the download cache " + cached.getParent()
                    + " (offline)", List.of("run the install once without --offline"));
        }
        Path part = cached.resolveSibling(archive.filename() + ".part");
        if (archive.filename().endsWith(ArchiveKind.ZIP.extension())) {
            Download download = keep(verify(archive, download(archive, part, events, Optional.empty(), cancel), events),
                    cached);
            extract(download.file(), archive, staging, events, cancel);
            return download;
        }

        GrowingFileInputStream growing = new GrowingFileInputStream(part, cancel);
        CompletableFuture<Download> downloading = new CompletableFuture<>();
        Thread downloader = new Thread(() -> {
            try {
                Download d = download(archive, part, events, Optional.of(growing), cancel);
                growing.finish(d.result().size());
                downloading.complete(d);
            } catch (Throwable e) {
                growing.finish(-1);
                downloading.completeExceptionally(e);
            }
        }, "gosetup-download-" + archive.filename());
        downloader.setDaemon(true);
        downloader.start();

        RuntimeException extractionFailure = null;
        try (Counting in = new Counting(growing)) {
            extractor(events, cancel, in, archive.size()).extractTarGz(in, archive.filename(), staging);
        } catch (RuntimeException e) {
            extractionFailure = e;
        } catch (IOException e) {
            extractionFailure = StorageFailures.of("read", part, e);
        }
        Download download = keep(verify(archive, join(downloading, downloader), events), cached);
        if (growing.restarted()) {
            // The server ignored a resume request and the file started over: extract the whole, verified file.
            clearDirectory(staging);
            extract(download.file(), archive, staging, events, cancel);
        } else if (extractionFailure != null) {
            throw extractionFailure;
        }
        return download;
    }

    private static Download join(CompletableFuture<Download> downloading, Thread downloader) {
        try {
            return downloading.get();
        } catch (InterruptedException e) {
            downloader.interrupt();
            Thread.currentThread().interrupt();
            throw new CancelledException("the install was interrupted", List.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Downloads the archive into {@code part} from the first mirror that has it; verifies nothing. */
    private Download download(ReleaseFile archive, Path part, InstallListener events,
            Optional<GrowingFileInputStream> growing, CancellationToken cancel) {
        List<URI> mirrors = settings.mirrors();
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(archive.filename());
            try {
                return new Download(part, url, settings.http().download(url, part, archive.size(),
                        new DownloadRelay(events, growing), cancel::isCancelled));
            } catch (NetworkException | NotFoundException e) {
                LOG.log(Level.DEBUG, () -> "mirror failed: " + e.getMessage());
                if (mirrors.indexOf(mirror) < mirrors.size() - 1) {
                    events.warning("mirror " + mirror + " failed (" + e.getMessage() + "); trying the next one");
                }
                failures.add(e.getMessage());
            } catch (java.util.concurrent.CancellationException e) {
                throw new CancelledException("download of " + url + " was cancelled; the partial file " + part
                        + " is kept to resume", List.of());
            }
        }
        throw new NetworkException("could not download " + archive.filename() + " from any mirror:\n  "
                + String.join("\n  ", failures),
                List.of("check the network and the mirrors (" + mirrors.stream().map(URI::toString)
                        .collect(Collectors.joining(", ")) + ")", "or set GOSETUP_MIRRORS / --mirror to one that works"));
    }

    /** Checks a download against the index: the only trusted source of sizes and checksums. */
    private Download verify(ReleaseFile archive, Download download, InstallListener events) {
        events.verifying(archive);
        HttpDownloader.Result result = download.result();
        if (result.size() != archive.size() || !result.sha256().equals(archive.sha256())) {
            deleteQuietly(download.file());
            throw new VerificationException("checksum mismatch for " + download.source() + ": expected sha256 "
                    + archive.sha256() + " and " + archive.size() + " bytes (from the index " + settings.indexUri()
                    + "), got sha256 " + result.sha256() + " and " + result.size() + " bytes; the download was deleted",
                    List.of("the mirror served a different file: try again, or use another --mirror",
                            "if it persists, report it: the mirror may be compromised"));
        }
        return download;
    }

    /** Moves a verified download into the archive cache, for offline reinstalls. */
    private static Download keep(Download download, Path cached) {
        try {
            Files.move(download.file(), cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw StorageFailures.of("move the verified download " + download.file() + " to", cached, e);
        }
        return new Download(cached, download.source(), download.result());
    }

    private static void clearDirectory(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                ToolchainStore.deleteTree(entry);
            }
        } catch (IOException e) {
            throw StorageFailures.of("clear", dir, e);
        }
    }

    /** An extractor with this installer's limits, reporting to {@code events}, stopped by {@code cancel}. */
    SafeExtractor extractor(InstallListener events, CancellationToken cancel) {
        return extractor(events, cancel, null, 0);
    }

    /**
     * An extractor whose progress also says how far into the archive it has read ({@code read} of
     * {@code size} compressed bytes), the one total known before the files are written.
     */
    private SafeExtractor extractor(InstallListener events, CancellationToken cancel, Counting read, long size) {
        return SafeExtractor.builder()
                .maxExpandedBytes(settings.maxExpandedBytes())
                .progress((entries, bytes) -> {
                    if (read != null) {
                        events.extractionProgress(Math.min(read.count(), size), size);
                    }
                    events.extracting(entries, bytes);
                })
                .cancelled(cancel::isCancelled)
                .build();
    }

    /** Counts the bytes read through it: how much of the compressed archive extraction has consumed. */
    private static final class Counting extends java.io.FilterInputStream {
        private volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }

    private void extract(Path file, ReleaseFile archive, Path staging, InstallListener events,
            CancellationToken cancel) {
        ArchiveKind kind = ArchiveKind.ofFileName(archive.filename()).orElseThrow(() -> new VerificationException(
                archive.filename() + " is neither a .tar.gz nor a .zip archive", List.of()));
        if (kind == ArchiveKind.ZIP) {
            extractor(events, cancel).extractZip(file, archive.filename(), staging);
            return;
        }
        try (Counting in = new Counting(Files.newInputStream(file))) {
            extractor(events, cancel, in, archive.size()).extractTarGz(in, archive.filename(), staging);
        } catch (IOException e) {
            throw StorageFailures.of("read", file, e);
        }
    }

    /** A Go archive holds exactly one directory, go/, with the go command in go/bin. */
    private Path checkLayout(Path staging, ReleaseFile archive) {
        List<String> top = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            entries.forEach(p -> top.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw StorageFailures.of("list", staging, e);
        }
        Path goroot = staging.resolve("go");
        Path go = goroot.resolve("bin").resolve("go" + settings.platform().exeSuffix());
        if (!top.equals(List.of("go")) || !Files.isRegularFile(go)) {
            throw new VerificationException(archive.filename() + " is not a Go toolchain archive: expected a single go/"
                    + " directory with bin/go" + settings.platform().exeSuffix() + ", found "
                    + (top.isEmpty() ? "nothing" : top),
                    List.of("check that the index and mirror serve official Go archives"));
        }
        return goroot;
    }

    private void checkGoVersion(Path goroot, GoVersion expected, String what, CancellationToken cancel) {
        Path go = goroot.resolve("bin").resolve("go" + settings.platform().exeSuffix());
        Map<String, Optional<String>> env = new LinkedHashMap<>(Map.of("GOTOOLCHAIN", Optional.of("local"),
                "GOROOT", Optional.empty(), "GOENV", Optional.of("off"), "GOFLAGS", Optional.empty()));
        // Go 1.23+ writes telemetry counters to the user's config directory on every run and leaves
        // a detached child writing there after it exits: move that directory into the staging
        // directory, which goes away after the install, with telemetry off so no child outlives go.
        Path userDirs = goroot.getParent().resolve("go-user-dirs");
        try {
            GoUserDirectories.turnTelemetryOff(settings.platform(), userDirs);
        } catch (IOException e) {
            throw StorageFailures.of("write", userDirs, e);
        }
        GoUserDirectories.movedUnder(settings.platform(), userDirs).forEach((k, v) -> env.put(k, Optional.of(v)));
        ProcessResult result = ProcessRunner.run(List.of(go.toString(), "version"), goroot, env,
                GO_VERSION_TIMEOUT, cancel);
        String[] words = result.stdout().trim().split("\\s+");
        String reported = words.length >= 3 && words[0].equals("go") && words[1].equals("version") ? words[2] : "";
        if (!result.succeeded() || !reported.equals(expected.toString())) {
            throw new VerificationException("the toolchain in " + what + " does not report " + expected
                    + ": `go version` printed \"" + (result.stdout() + result.stderr()).strip() + "\" (exit "
                    + result.exitCode() + ")", List.of("the archive is not the release the index names; use another mirror"));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static String sha256(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw StorageFailures.of("read", file, e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            ToolchainStore.deleteTree(path);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot delete " + path + ": " + e.getMessage() + "; the next install removes it");
        }
    }
}
