package dev.gosetup.core.install;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.archive.SafeExtractor;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.internal.StorageFailures;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.internal.ModulePath;
import dev.gosetup.core.proxy.ModuleRoute;
import dev.gosetup.core.proxy.ModuleSettings;
import dev.gosetup.core.internal.ModuleZip;
import dev.gosetup.core.sumdb.ChecksumDatabase;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Toolchains as the go command's {@code GOTOOLCHAIN} switch gets them: the module
 * {@code golang.org/toolchain@v0.0.1-go1.X.Y.GOOS-GOARCH} through the GOPROXY list (falling through
 * as {@link ModuleSettings#route} decides), its zip's {@code h1:} hash checked against the checksum
 * database, every entry under the module's prefix, unpacked by {@link SafeExtractor}, then the
 * execute bits restored and the {@code _go.mod} files renamed back to {@code go.mod}, as
 * cmd/go/internal/toolchain does. The result is a staged GOROOT for {@link GoInstaller} to check
 * and commit.
 */
final class ToolchainModuleSource {
    static final String MODULE = "golang.org/toolchain";
    private static final System.Logger LOG = System.getLogger(ToolchainModuleSource.class.getName());

    private final ModuleSettings settings;
    private final boolean insecureNoSumDb;
    private final Path sumdbState;
    private final HttpDownloader http;
    private final Platform platform;
    private final Function<String, Path> downloads;
    private final BiFunction<InstallListener, CancellationToken, SafeExtractor> extractor;

    ToolchainModuleSource(ModuleSettings settings, boolean insecureNoSumDb, Path sumdbState, HttpDownloader http,
            Platform platform, Function<String, Path> downloads,
            BiFunction<InstallListener, CancellationToken, SafeExtractor> extractor) {
        this.settings = settings;
        this.insecureNoSumDb = insecureNoSumDb;
        this.sumdbState = sumdbState;
        this.http = http;
        this.platform = platform;
        this.downloads = downloads;
        this.extractor = extractor;
    }

    /** The staged GOROOT, where it came from and the zip's hashes. */
    record Staged(Path goroot, URI source, String sha256, String h1) {
    }

    static String moduleVersion(GoVersion version, Platform platform) {
        return "v0.0.1-" + version + "." + platform.os() + "-" + platform.arch();
    }

    /**
     * Refuses, before any download, settings under which the module cannot be fetched safely.
     *
     * @throws InvalidConfigurationException for GOPROXY=off, direct only, or GOSUMDB=off without the insecure option
     */
    ModuleRoute checkSettings() {
        ModuleRoute route = settings.route(MODULE);
        if (route.disabled()) {
            throw new InvalidConfigurationException("GOPROXY=" + settings.goproxy().value() + " disallows downloading "
                    + MODULE + "; the proxy source needs a module proxy",
                    List.of("set GOPROXY to a proxy, e.g. https://proxy.golang.org, or use --source index"));
        }
        if (route.direct()) {
            throw new InvalidConfigurationException(MODULE + " would be fetched directly ("
                    + String.join("; ", route.explanation()) + "), but only module proxies serve Go toolchains",
                    List.of("set GOPROXY to a proxy and keep " + MODULE + " out of GONOPROXY/GOPRIVATE",
                            "or use --source index"));
        }
        if (route.checksumDatabase() && settings.sumdb().off() && !insecureNoSumDb) {
            throw new InvalidConfigurationException("GOSUMDB=off: " + MODULE + " cannot be verified against the checksum"
                    + " database, and a toolchain is code you will run", List.of(
                    "unset GOSUMDB (Go's default is sum.golang.org) or name a database the proxy supports",
                    "or, knowing nobody vouches for the download, pass --insecure-no-sumdb"));
        }
        return route;
    }

    /** The releases the proxy lists for this platform, newest first. */
    List<Release> releases(CancellationToken cancel) {
        ModuleRoute route = checkSettings();
        byte[] list = firstAnswer(route, base -> {
            return http.fetch(URI.create(base + "/" + ModulePath.escapePath(MODULE) + "/@v/list"), cancel::isCancelled);
        }, "the version list of " + MODULE).body();
        String suffix = "." + platform.os() + "-" + platform.arch();
        List<Release> releases = new ArrayList<>();
        for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
            String v = line.strip();
            if (!v.startsWith("v0.0.1-go") || !v.endsWith(suffix)) {
                continue;
            }
            try {
                GoVersion version = GoVersion.parse(v.substring("v0.0.1-".length(), v.length() - suffix.length()));
                releases.add(new Release(version, !version.isPrerelease(), List.of()));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, () -> "ignoring " + v + " in the proxy's list: " + e.getMessage());
            }
        }
        releases.sort((a, b) -> b.version().compareTo(a.version()));
        return releases;
    }

    /** Downloads, verifies and unpacks one toolchain into {@code staging}; returns the staged GOROOT. */
    Staged stage(GoVersion version, Path staging, InstallListener events, CancellationToken cancel) {
        ModuleRoute route = checkSettings();
        String moduleVersion = moduleVersion(version, platform);
        String zipName = ModulePath.escapePath(MODULE) + "/@v/" + ModulePath.escapeVersion(moduleVersion) + ".zip";
        Path part = downloads.apply("toolchain-" + moduleVersion + ".zip.part");
        try {
            Files.deleteIfExists(part);
            Answer<HttpDownloader.Result> answer = firstAnswer(route, base -> {
                URI url = URI.create(base + "/" + zipName);
                return http.download(url, part, HttpDownloader.UNKNOWN_SIZE, new DownloadRelay(events),
                        cancel::isCancelled);
            }, MODULE + "@" + moduleVersion);
            URI source = URI.create(answer.source() + "/" + zipName);
            ReleaseFile file = new ReleaseFile(moduleVersion + ".zip", platform.os(), platform.arch(), version,
                    answer.body().sha256(), answer.body().size(), ReleaseFile.Kind.ARCHIVE);
            events.resolved(new Release(version, !version.isPrerelease(), List.of(file)), file);
            events.verifying(file);
            String h1 = hashZip(part, source);
            if (route.checksumDatabase() && !settings.sumdb().off()) {
                ChecksumDatabase db = ChecksumDatabase.open(settings.sumdb(), settings.goproxy(), sumdbState,
                        uri -> http.fetch(uri, cancel::isCancelled));
                db.verifyZip(MODULE, moduleVersion, h1);
            } else {
                LOG.log(Level.WARNING, () -> MODULE + "@" + moduleVersion + " from " + source
                        + " is not checked against a checksum database: " + String.join("; ", route.explanation()));
            }
            String prefix = MODULE + "@" + moduleVersion + "/";
            checkPrefix(part, prefix, source);
            extractor.apply(events, cancel).extractZip(part, source.toString(), staging);
            Path goroot = staging.resolve(MODULE + "@" + moduleVersion);
            if (!Files.isRegularFile(goroot.resolve("bin").resolve("go" + platform.exeSuffix()), LinkOption.NOFOLLOW_LINKS)) {
                throw new VerificationException(source + " is not a Go toolchain: it has no " + prefix + "bin/go"
                        + platform.exeSuffix(), List.of("check that the proxy serves Go's toolchain modules"));
            }
            restoreGoMod(goroot);
            if (!platform.isWindows()) {
                allowExec(goroot.resolve("pkg").resolve("tool"));
                allowExec(goroot.resolve("bin"));
            }
            return new Staged(goroot, source, file.sha256(), h1);
        } catch (java.util.concurrent.CancellationException e) {
            throw new CancelledException("download of " + MODULE + "@" + moduleVersion + " was cancelled", List.of());
        } catch (IOException e) {
            throw StorageFailures.of("stage " + MODULE + "@" + moduleVersion + " in", staging, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "cannot delete " + part + ": " + e);
            }
        }
    }

    private record Answer<T>(T body, URI source) {
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T at(String base);
    }

    /** Tries the route's proxies in order: the next after 404/410, or after any error when {@code |} follows. */
    private <T> Answer<T> firstAnswer(ModuleRoute route, Attempt<T> attempt, String what) {
        List<String> failures = new ArrayList<>();
        for (GoProxyList.Entry entry : route.sources()) {
            if (entry.kind() != GoProxyList.Kind.PROXY) {
                failures.add(entry.url() + ": the list ends here; " + MODULE + " is only served by module proxies");
                break;
            }
            String base = entry.url().endsWith("/") ? entry.url().substring(0, entry.url().length() - 1) : entry.url();
            try {
                return new Answer<>(attempt.at(base), URI.create(base));
            } catch (NotFoundException e) {
                failures.add(e.getMessage());
            } catch (NetworkException e) {
                failures.add(e.getMessage());
                if (!entry.fallBackOnError()) {
                    throw new NetworkException("cannot fetch " + what + " through GOPROXY=" + settings.goproxy().value()
                            + ":\n  " + String.join("\n  ", failures), List.of("check the proxy " + entry.url(),
                            "separate entries with | to fall through to the next one on any error, as go does"), e);
                }
            }
        }
        throw new NotFoundException("no GOPROXY entry has " + what + " (GOPROXY=" + settings.goproxy().value() + "):\n  "
                + String.join("\n  ", failures), List.of("check the version and platform, or add a proxy that has it"));
    }

    private static String hashZip(Path zip, URI source) {
        try {
            return ModuleZip.hashZip(zip);
        } catch (GoSetupException e) {
            throw new VerificationException("the module zip from " + source + " is damaged: " + e.getMessage(),
                    List.of("retry; if it persists the proxy serves a broken file: use another GOPROXY entry"));
        }
    }

    /** Every entry must lie under the module's prefix: cmd/go unzips nothing else, nor do we. */
    private static void checkPrefix(Path zip, String prefix, URI source) throws IOException {
        List<String> outside = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                String name = e.getName();
                boolean inside = name.startsWith(prefix) && name.length() > prefix.length()
                        && !name.substring(prefix.length()).startsWith("/");
                if (!inside) {
                    outside.add(escape(name));
                }
            }
        }
        if (!outside.isEmpty()) {
            throw new VerificationException("the module zip from " + source + " holds " + outside.size()
                    + " path(s) outside its prefix " + prefix + ", e.g. " + outside.subList(0, Math.min(3, outside.size()))
                    + "; nothing was extracted", List.of("do not use this proxy: it serves a hostile or broken zip"));
        }
    }

    /** cmd/go stores nested go.mod files as _go.mod so the zip holds one module; they become go.mod again. */
    private static void restoreGoMod(Path goroot) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(goroot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().equals("_go.mod")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path file : found) {
            Path goMod = file.resolveSibling("go.mod");
            if (!Files.exists(goMod, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(file, goMod);
            }
        }
    }

    /** cmd/go's allowExec: the zip has no modes, so every file of bin and pkg/tool becomes executable. */
    private static void allowExec(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> exec = EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
                    p.addAll(exec);
                    Files.setPosixFilePermissions(file, p);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().limit(200).forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    Optional<String> describe() {
        return Optional.of(MODULE + " through GOPROXY=" + settings.goproxy().value() + ", verified by "
                + settings.sumdb().describe());
    }
}
