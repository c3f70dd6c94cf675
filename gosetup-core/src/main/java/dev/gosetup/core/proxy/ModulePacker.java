package dev.gosetup.core.proxy;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.core.internal.ModulePath;
import dev.gosetup.core.internal.ModuleZip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a directory laid out as a module proxy (the layout {@link LocalModuleProxy} serves and
 * {@code GOPROXY=file:///dir} reads) from module source trees: for each module
 * {@code <module>/@v/<version>.zip} (see {@link ModuleZip}), {@code .mod}, {@code .info} and the
 * {@code list} of versions, path and version case-encoded as the go command expects.
 *
 * <p>The version is the one given, else the tree's newest semantic-version git tag (for a module
 * in a subdirectory of its repository, tags named {@code <subdir>/vX.Y.Z}, as Go expects). git
 * runs with an argument list, never a shell. A version already in the directory is never changed:
 * packing the same content again is a no-op, different content is refused, since go.sum files
 * everywhere hold its hash. Not thread-safe for one output directory.
 */
public final class ModulePacker {
    private static final System.Logger LOG = System.getLogger(ModulePacker.class.getName());
    private static final Pattern MODULE_LINE = Pattern.compile("^\\s*module\\s+(\"[^\"]*\"|`[^`]*`|\\S+)");
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);

    private ModulePacker() {
    }

    /**
     * One module version packed.
     *
     * @param modulePath the module path from go.mod
     * @param version the version
     * @param zip the zip written
     * @param hash the zip's {@code h1:} hash (go.sum's {@code <module> <version> h1:...})
     * @param goModHash the go.mod's {@code h1:} hash (go.sum's {@code <module> <version>/go.mod h1:...})
     * @param omitted files left out of the zip and why
     * @param notes what a person should know, e.g. that the working tree differs from the tag
     */
    public record Packed(String modulePath, String version, Path zip, String hash, String goModHash,
            List<String> omitted, List<String> notes) {
        /** Copies the components. */
        public Packed {
            Objects.requireNonNull(modulePath, "modulePath");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(zip, "zip");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(goModHash, "goModHash");
            omitted = List.copyOf(omitted);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Packs module source trees into a proxy directory.
     *
     * @param sources module roots, each holding a go.mod
     * @param out the proxy directory, created when missing
     * @param version the version for every source; empty to take each tree's newest git tag
     * @return one result per source, in order
     * @throws InvalidConfigurationException naming the source: no go.mod or no module line in it, no
     *     version given and no semver tag found, a file Go would refuse, a version already packed
     *     with other content
     * @throws GoSetupException when a file cannot be read or written
     */
    public static List<Packed> pack(List<Path> sources, Path out, Optional<String> version) {
        List<Packed> packed = new ArrayList<>();
        for (Path source : sources) {
            packed.add(packOne(source.toAbsolutePath().normalize(), out.toAbsolutePath().normalize(), version));
        }
        return packed;
    }

    /**
     * Packs module source trees as committed at a git revision, through {@code git archive}, so
     * that exactly what the revision names is published, whatever the working tree holds.
     *
     * @param sources module roots inside git working trees (a module may be in a subdirectory)
     * @param revision the revision, e.g. {@code v1.2.0} or a commit
     * @param out the proxy directory, created when missing
     * @param version the version; empty to use the revision's name, which must then be
     *     {@code vX.Y.Z} (or {@code <subdir>/vX.Y.Z} for a module in a subdirectory)
     * @param allowDirty false to refuse a working tree with uncommitted or untracked changes under the
     *     module root, which usually means the revision is not what the person meant to publish
     * @return one result per source, in order
     * @throws InvalidConfigurationException naming the source, before anything is written: not a
     *     git working tree, a dirty tree, an unknown revision, no version, or anything {@link #pack} refuses
     */
    public static List<Packed> packRevision(List<Path> sources, String revision, Path out, Optional<String> version,
            boolean allowDirty) {
        if (revision.isBlank() || revision.startsWith("-") || revision.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidConfigurationException("--rev \"" + revision + "\" is not a git revision",
                    List.of("give a tag, branch or commit, e.g. --rev v1.2.0"));
        }
        List<Revision> revisions = new ArrayList<>();
        for (Path source : sources) {
            revisions.add(checkRevision(source.toAbsolutePath().normalize(), revision, version, allowDirty));
        }
        List<Packed> packed = new ArrayList<>();
        for (Revision r : revisions) {
            Path temp = null;
            try {
                temp = Files.createTempDirectory("gosetup-pack-");
                Path archive = temp.resolve("rev.tar.gz");
                // From the top of the repository: git archive in a subdirectory limits itself to the current directory.
                gitFor(r.top(), "git archive of " + revision, "archive", "--format=tar.gz", "-o", archive.toString(),
                        r.prefix().isEmpty() ? r.commit() : r.commit() + ":" + r.prefix());
                Path tree = Files.createDirectory(temp.resolve("tree"));
                try (java.io.InputStream in = Files.newInputStream(archive)) {
                    dev.gosetup.core.archive.SafeExtractor.builder().build().extractTarGz(in, "git archive " + revision, tree);
                }
                Packed p = packOne(tree, out.toAbsolutePath().normalize(), Optional.of(r.version()));
                List<String> notes = new ArrayList<>(p.notes());
                notes.add("packed " + revision + " (commit " + r.commit().substring(0, 12) + ") of " + r.source()
                        + " through git archive" + (r.dirty() ? "; the working tree has uncommitted changes, not packed" : ""));
                packed.add(new Packed(p.modulePath(), p.version(), p.zip(), p.hash(), p.goModHash(), p.omitted(), notes));
            } catch (IOException e) {
                throw new GoSetupException("cannot pack " + revision + " of " + r.source() + ": " + e,
                        List.of("check that the temporary directory is writable"), e);
            } finally {
                if (temp != null) {
                    try {
                        dev.gosetup.core.internal.FileTrees.deleteTree(temp);
                    } catch (IOException | RuntimeException e) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "cannot delete " + e);
                    }
                }
            }
        }
        return packed;
    }

    private record Revision(Path source, Path top, String prefix, String commit, String version, boolean dirty) {
    }

    private static Revision checkRevision(Path source, String revision, Optional<String> explicit, boolean allowDirty) {
        String prefix = gitFor(source, "packing --rev " + revision, "rev-parse", "--show-prefix").strip();
        Path top = Path.of(gitFor(source, "packing --rev " + revision, "rev-parse", "--show-toplevel").strip());
        String status = gitFor(source, "packing --rev " + revision, "status", "--porcelain", "--", ".");
        boolean dirty = !status.isBlank();
        if (dirty && !allowDirty) {
            List<String> lines = status.lines().limit(5).toList();
            throw new InvalidConfigurationException(source + " has uncommitted changes (" + String.join("; ", lines)
                    + (status.lines().count() > 5 ? "; ..." : "") + "); --rev " + revision
                    + " packs only what is committed, so they would silently be left out",
                    List.of("commit or stash them first", "or pass --allow-dirty to pack " + revision + " anyway"));
        }
        String commit = gitFor(source, "packing --rev " + revision, "rev-parse", "--verify", "--quiet",
                "--end-of-options", revision + "^{commit}").strip();
        String version = explicit.orElseGet(() -> {
            String name = revision.startsWith(prefix) ? revision.substring(prefix.length()) : revision;
            if (!ModulePath.isCanonicalVersion(name)) {
                throw new InvalidConfigurationException("--rev " + revision + " does not name a version (vX.Y.Z"
                        + (prefix.isEmpty() ? "" : ", or " + prefix + "vX.Y.Z") + ")",
                        List.of("give the version as well: --version v1.2.0"));
            }
            return name;
        });
        return new Revision(source, top, prefix, commit, version, dirty);
    }

    private static String gitFor(Path dir, String what, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessResult result = ProcessRunner.run(command, dir, Map.of("GIT_TERMINAL_PROMPT", Optional.of("0")),
                GIT_TIMEOUT, new CancellationToken());
        if (!result.succeeded()) {
            throw new InvalidConfigurationException(what + ": `git " + String.join(" ", args) + "` in " + dir
                    + " failed: " + (result.stderr().isBlank() ? "exit " + result.exitCode() : result.stderr().strip()),
                    List.of("check that " + dir + " is inside a git working tree and the revision exists "
                            + "(git tag --list, git log)"));
        }
        return result.stdout();
    }

    /**
     * Refuses an output directory inside the source tree (the zip would pack its own half-written
     * temp file, so its hash changed every run) and a go.mod that resolves outside the tree (a link
     * would publish a file the module does not hold).
     */
    private static void refuseEscapes(Path source, Path out, Path goModFile) {
        try {
            Path realSource = source.toRealPath();
            Path realOut = realOrNearest(out);
            if (realOut.startsWith(realSource)) {
                throw new InvalidConfigurationException("the output " + out + " is inside the module source " + source
                        + "; the zip would pack the proxy directory being written",
                        List.of("choose an --out directory outside " + source));
            }
            Path realGoMod = goModFile.toRealPath();
            if (!realGoMod.startsWith(realSource)) {
                throw new InvalidConfigurationException(goModFile + " is a symbolic link to " + realGoMod
                        + ", outside the module source " + source + "; a module holds only its own files",
                        List.of("replace the link by a copy of the file: cp --remove-destination " + realGoMod + " "
                                + goModFile));
            }
        } catch (IOException e) {
            throw new GoSetupException("cannot resolve " + source + ": " + e, List.of("check its permissions"), e);
        }
    }

    /** The real path of a directory that may not exist yet: its nearest existing ancestor's, plus the rest. */
    private static Path realOrNearest(Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return dir;
        }
        return existing.toRealPath().resolve(existing.relativize(dir));
    }

    private static Packed packOne(Path source, Path out, Optional<String> explicit) {
        Path goModFile = source.resolve("go.mod");
        if (!Files.isRegularFile(goModFile)) {
            throw new InvalidConfigurationException(source + " holds no go.mod, so it is not a module root",
                    List.of("give the directory that holds the module's go.mod", "or create one: go mod init <path>"));
        }
        refuseEscapes(source, out, goModFile);
        byte[] goMod;
        try {
            goMod = RegularFiles.readIfExists(goModFile, RegularFiles.DEFAULT_MAX_BYTES, "the go.mod")
                    .orElseThrow(() -> new java.nio.file.NoSuchFileException(goModFile.toString()));
        } catch (IOException e) {
            throw new GoSetupException("cannot read " + goModFile + ": " + e, List.of("check its permissions"), e);
        }
        String modulePath = modulePath(goMod, goModFile);
        ModulePath.checkModulePath(modulePath);
        List<String> notes = new ArrayList<>();
        String version;
        Instant time;
        if (explicit.isPresent()) {
            version = explicit.get();
            time = newestModification(source);
        } else {
            Tag tag = newestTag(source, modulePath);
            version = tag.version();
            time = tag.time();
            if (!tag.atHead()) {
                notes.add("the working tree was packed, but the tag " + tag.name() + " is not on HEAD; check out "
                        + tag.name() + " first to pack exactly what it names");
            }
        }
        if (!ModulePath.isCanonicalVersion(version)) {
            throw new InvalidConfigurationException("\"" + version + "\" is not a canonical module version",
                    List.of("use a version such as v1.2.3"));
        }
        ModulePath.checkPathMajor(modulePath, version);
        Path dir = out.resolve(ModulePath.escapePath(modulePath).replace('/', java.io.File.separatorChar)).resolve("@v");
        String base = ModulePath.escapeVersion(version);
        Path zip = dir.resolve(base + ".zip");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".pack-", ".zip.tmp");
            ModuleZip.Created created;
            try {
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    created = ModuleZip.create(source, modulePath, version, os);
                }
                if (Files.size(tmp) > ModuleZip.MAX_ZIP) {
                    throw new InvalidConfigurationException("the zip of " + modulePath + "@" + version + " is larger than"
                            + " 500 MiB, more than the go command accepts", List.of("make the module smaller"));
                }
                if (Files.exists(zip)) {
                    String existing = ModuleZip.hashZip(zip);
                    if (!existing.equals(created.hash())) {
                        throw new InvalidConfigurationException(out + " already holds " + modulePath + "@" + version
                                + " with other content (" + existing + ", now " + created.hash() + "); a published"
                                + " version must never change, since go.sum files hold its hash",
                                List.of("tag and pack a new version instead", "or delete " + zip
                                        + " if nobody has used that version yet"));
                    }
                    notes.add(modulePath + "@" + version + " was already packed with the same content");
                } else {
                    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                    }
                    Files.move(tmp, zip, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            AtomicFiles.replace(dir.resolve(base + ".mod"), Optional.of(goMod), "rw-r--r--");
            String info = "{\"Version\":\"" + version + "\",\"Time\":\""
                    + time.truncatedTo(ChronoUnit.SECONDS) + "\"}\n";
            if (!Files.exists(dir.resolve(base + ".info"))) {
                AtomicFiles.replace(dir.resolve(base + ".info"), Optional.of(info.getBytes(StandardCharsets.UTF_8)),
                        "rw-r--r--");
            }
            updateList(dir.resolve("list"), version);
            LOG.log(System.Logger.Level.DEBUG, "packed {0}@{1} from {2} into {3}", modulePath, version, source, zip);
            return new Packed(modulePath, version, zip, created.hash(), ModuleZip.hashGoMod(goMod), created.omitted(), notes);
        } catch (IOException e) {
            throw new GoSetupException("cannot write " + modulePath + "@" + version + " into " + out + ": " + e,
                    List.of("check that " + out + " is writable and the disk is not full"), e);
        }
    }

    /** Reads the module path from go.mod's module directive, as modfile does for the common forms. */
    static String modulePath(byte[] goMod, Path file) {
        for (String line : new String(goMod, StandardCharsets.UTF_8).split("\n")) {
            String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
            Matcher m = MODULE_LINE.matcher(code);
            if (m.find()) {
                String p = m.group(1);
                return p.startsWith("\"") || p.startsWith("`") ? p.substring(1, p.length() - 1) : p;
            }
        }
        throw new InvalidConfigurationException(file + " has no module line",
                List.of("add one at the top: module example.com/name"));
    }

    private record Tag(String name, String version, Instant time, boolean atHead) {
    }

    private static Tag newestTag(Path source, String modulePath) {
        String prefix = git(source, "rev-parse", "--show-prefix").strip();
        List<String> tags = git(source, "tag", "--list").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        String best = null;
        for (String tag : tags) {
            if (!tag.startsWith(prefix)) {
                continue;
            }
            String v = tag.substring(prefix.length());
            if (!ModulePath.isCanonicalVersion(v) || v.contains("+")) {
                continue;
            }
            try {
                ModulePath.checkPathMajor(modulePath, v);
            } catch (InvalidConfigurationException e) {
                continue;
            }
            if (best == null || ModulePath.compareVersions(v, best.substring(prefix.length())) > 0) {
                best = tag;
            }
        }
        if (best == null) {
            throw new InvalidConfigurationException("no version given and " + source + " has no git tag "
                    + (prefix.isEmpty() ? "" : "named " + prefix) + "vX.Y.Z for " + modulePath,
                    List.of("give the version: --version v1.0.0", "or tag the commit: git tag " + prefix + "v1.0.0"));
        }
        String commit = git(source, "rev-list", "-n", "1", best).strip();
        String head = git(source, "rev-parse", "HEAD").strip();
        Instant time = OffsetDateTime.parse(git(source, "log", "-1", "--format=%cI", commit).strip()).toInstant();
        return new Tag(best, best.substring(prefix.length()), time, commit.equals(head));
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessResult result = ProcessRunner.run(command, dir, Map.of("GIT_TERMINAL_PROMPT", Optional.of("0")),
                GIT_TIMEOUT, new CancellationToken());
        if (!result.succeeded()) {
            throw new InvalidConfigurationException("no version given and `git " + String.join(" ", args) + "` in "
                    + dir + " failed: " + result.stderr().strip(),
                    List.of("give the version: --version v1.0.0", "or pack from a git working tree with a vX.Y.Z tag"));
        }
        return result.stdout();
    }

    private static Instant newestModification(Path source) {
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/"))
                    .map(p -> {
                        try {
                            return Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            return FileTime.fromMillis(0);
                        }
                    }).max(FileTime::compareTo).map(FileTime::toInstant).orElse(Instant.EPOCH);
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static void updateList(Path list, String version) {
        Set<String> versions = new LinkedHashSet<>();
        AtomicFiles.read(list).map(b -> new String(b, StandardCharsets.UTF_8)).ifPresent(text ->
                text.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(versions::add));
        versions.add(version);
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort((a, b) -> ModulePath.isCanonicalVersion(a) && ModulePath.isCanonicalVersion(b)
                ? ModulePath.compareVersions(a, b) : a.compareTo(b));
        AtomicFiles.replace(list, Optional.of((String.join("\n", sorted) + "\n").getBytes(StandardCharsets.UTF_8)),
                "rw-r--r--");
    }
}
