package dev.gosetup.core.internal;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.internal.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes module zips as golang.org/x/mod/zip's {@code CreateFromDir} does, and computes the
 * {@code h1:} hashes the go command puts in go.sum ({@code dirhash.Hash1}).
 *
 * <p>What goes in: every regular file under the module root, named
 * {@code <module>@<version>/<path>}, except (as Go omits them) directories named {@code .git},
 * {@code .hg}, {@code .bzr} or {@code .svn}; nested modules (directories holding a
 * {@code go.mod}, in any case); files in vendored packages ({@code vendor/modules.txt} and other
 * files directly in {@code vendor/} stay, {@code vendor/x/...} goes); a top-level
 * {@code .hg_archival.txt}; symbolic links and other irregular files. What is refused (an
 * {@link InvalidConfigurationException} listing every such file): a file path Go does not allow
 * ({@code module.CheckFilePath}: e.g. {@code *}, {@code ?}, {@code :}, a trailing dot, a
 * Windows-reserved name), {@code go.mod} in another case, two paths equal under case-folding, a
 * {@code go.mod} or {@code LICENSE} over 16 MiB, more than 500 MiB in all.
 *
 * <p>Entries are written in Go's walk order (lexical) with a fixed time, so the same tree gives
 * the same bytes. Stateless utility.
 */
public final class ModuleZip {
    /** The largest module zip, and the most uncompressed content, Go accepts: 500 MiB. */
    public static final long MAX_ZIP = 500L << 20;
    /** The largest go.mod Go accepts: 16 MiB. */
    public static final long MAX_GO_MOD = 16L << 20;
    /** The largest LICENSE Go accepts: 16 MiB. */
    public static final long MAX_LICENSE = 16L << 20;

    private static final long FIXED_TIME = 315532800000L + 86_400_000L; // 1980-01-02, DOS-representable

    private ModuleZip() {
    }

    /**
     * What {@link #create} wrote.
     *
     * @param files the file paths in the zip, relative to the module root, in order
     * @param omitted the paths left out and why, e.g. {@code ".git: VCS directory"}
     * @param hash the zip's {@code h1:} hash, as go.sum holds it
     */
    public record Created(List<String> files, List<String> omitted, String hash) {
        /** Copies the components. */
        public Created {
            files = List.copyOf(files);
            omitted = List.copyOf(omitted);
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * Writes the module zip of a source tree.
     *
     * @param root the module root (the directory holding go.mod)
     * @param modulePath the module path
     * @param version a canonical version fitting the path's major version
     * @param out where the zip goes; not closed
     * @return the files written, the ones left out, and the hash
     * @throws InvalidConfigurationException naming every file Go would refuse, or a bad path or version
     * @throws GoSetupException when the tree cannot be read or the zip written
     */
    public static Created create(Path root, String modulePath, String version, OutputStream out) {
        ModulePath.checkModulePath(modulePath);
        if (!ModulePath.isCanonicalVersion(version)) {
            throw new InvalidConfigurationException("version \"" + version + "\" is not canonical",
                    List.of("use a version such as v1.2.3 (with the v, all three numbers, no +build suffix)"));
        }
        ModulePath.checkPathMajor(modulePath, version);
        List<String> omitted = new ArrayList<>();
        TreeMap<String, Path> walked = new TreeMap<>(); // lexical, as filepath.Walk
        try {
            walk(root, root, walked, omitted);
        } catch (IOException e) {
            throw new GoSetupException("cannot read the module tree " + root + ": " + e,
                    List.of("check that " + root + " is a readable directory"), e);
        }
        // Directories holding a go.mod under any case are nested modules (checkFiles' haveGoMod).
        Set<String> moduleDirs = new HashSet<>();
        for (String p : walked.keySet()) {
            int slash = p.lastIndexOf('/');
            if (slash >= 0 && p.substring(slash + 1).equalsIgnoreCase("go.mod")) {
                moduleDirs.add(p.substring(0, slash + 1));
            }
        }
        List<String> invalid = new ArrayList<>();
        Map<String, String> folded = new HashMap<>();
        List<String> valid = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Path> e : walked.entrySet()) {
            String p = e.getKey();
            if (inSubmodule(p, moduleDirs)) {
                omitted.add(p + ": file in another module");
                continue;
            }
            if (p.equals(".hg_archival.txt")) {
                omitted.add(p + ": file inserted by hg archive");
                continue;
            }
            var problem = ModulePath.filePathProblem(p);
            if (problem.isPresent()) {
                invalid.add(p + ": malformed file path: " + problem.get());
                continue;
            }
            if (p.toLowerCase(Locale.ROOT).equals("go.mod") && !p.equals("go.mod")) {
                invalid.add(p + ": go.mod files must have lowercase names");
                continue;
            }
            String collision = checkCollision(p, folded);
            if (collision != null) {
                invalid.add(p + ": " + collision);
                continue;
            }
            long size;
            try {
                size = Files.size(e.getValue());
            } catch (IOException ex) {
                invalid.add(p + ": " + ex.getMessage());
                continue;
            }
            total += size;
            if (p.equals("go.mod") && size > MAX_GO_MOD) {
                invalid.add(p + ": go.mod file too large (max size is " + MAX_GO_MOD + " bytes)");
                continue;
            }
            if (p.equals("LICENSE") && size > MAX_LICENSE) {
                invalid.add(p + ": LICENSE file too large (max size is " + MAX_LICENSE + " bytes)");
                continue;
            }
            valid.add(p);
        }
        if (total > MAX_ZIP) {
            invalid.add("module source tree too large (" + total + " bytes; max size is " + MAX_ZIP + " bytes)");
        }
        if (!invalid.isEmpty()) {
            throw new InvalidConfigurationException("cannot pack " + modulePath + "@" + version + " from " + root
                    + ": the go command would refuse " + invalid.size() + " file(s):\n  " + String.join("\n  ", invalid),
                    List.of("rename or remove those files; Go's rules for module files are in golang.org/x/mod/zip"));
        }
        String prefix = modulePath + "@" + version + "/";
        Map<String, String> sums = new TreeMap<>();
        try {
            ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
            byte[] buffer = new byte[64 * 1024];
            for (String p : valid) {
                ZipEntry entry = new ZipEntry(prefix + p);
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                MessageDigest sha = Sha256.digest();
                try (InputStream in = Files.newInputStream(walked.get(p))) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        zip.write(buffer, 0, n);
                        sha.update(buffer, 0, n);
                    }
                }
                zip.closeEntry();
                sums.put(prefix + p, Sha256.hex(sha));
            }
            zip.finish();
        } catch (IOException e) {
            throw new GoSetupException("cannot write the module zip of " + modulePath + "@" + version + ": " + e,
                    List.of("check that the output directory is writable and the disk is not full"), e);
        }
        return new Created(valid, omitted, hash1(sums));
    }

    /**
     * Computes the {@code h1:} hash of a module zip as the go command does for go.sum
     * ({@code dirhash.HashZip}).
     *
     * @param zipFile the module zip
     * @return e.g. {@code h1:Zp6Y...=}
     * @throws GoSetupException when the zip cannot be read
     */
    public static String hashZip(Path zipFile) {
        Map<String, String> sums = new TreeMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    sums.put(e.getName(), Sha256.hex(in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new GoSetupException("cannot read the module zip " + zipFile + ": " + e,
                    List.of("check that " + zipFile + " is a complete zip file"), e);
        }
        return hash1(sums);
    }

    /**
     * Computes the {@code h1:} hash of a go.mod file as go.sum holds it ({@code <module> <version>/go.mod h1:...}).
     *
     * @param goMod the go.mod bytes
     * @return the hash
     */
    public static String hashGoMod(byte[] goMod) {
        return hash1(Map.of("go.mod", Sha256.hex(goMod)));
    }

    /** dirhash.Hash1: SHA-256 over "hex  name\n" lines in name order. */
    private static String hash1(Map<String, String> sumsByName) {
        MessageDigest summary = Sha256.digest();
        new TreeMap<>(sumsByName).forEach((name, hex) -> {
            if (name.contains("\n")) {
                throw new IllegalArgumentException("file names with newlines cannot be hashed: " + name);
            }
            summary.update((hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8));
        });
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }

    private static void walk(Path root, Path dir, Map<String, Path> files, List<String> omitted) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String rel = root.relativize(child).toString().replace(java.io.File.separatorChar, '/');
            if (isVendoredPackage(rel)) {
                omitted.add(rel + ": file is in vendor directory");
                continue;
            }
            BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory()) {
                String name = child.getFileName().toString();
                if (List.of(".bzr", ".git", ".hg", ".svn").contains(name)) {
                    omitted.add(rel + ": directory is a version control repository");
                    continue;
                }
                Path goMod = child.resolve("go.mod");
                if (Files.isRegularFile(goMod, LinkOption.NOFOLLOW_LINKS)) {
                    omitted.add(rel + ": directory is in another module");
                    continue;
                }
                walk(root, child, files, omitted);
            } else if (!attrs.isRegularFile()) {
                omitted.add(rel + ": file is not a regular file (" + (attrs.isSymbolicLink() ? "a symbolic link" : "special") + ")");
            } else {
                files.put(rel, child);
            }
        }
    }

    /** x/mod/zip's isVendoredPackage, bug for bug (golang.org/issue/31562). */
    static boolean isVendoredPackage(String name) {
        int i;
        if (name.startsWith("vendor/")) {
            i = "vendor/".length();
        } else if (name.contains("/vendor/")) {
            i = "/vendor/".length();
        } else {
            return false;
        }
        return name.substring(i).contains("/");
    }

    private static boolean inSubmodule(String p, Set<String> moduleDirs) {
        String rest = p;
        while (true) {
            int slash = rest.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            String dir = rest.substring(0, slash + 1);
            if (moduleDirs.contains(dir)) {
                return true;
            }
            rest = rest.substring(0, slash);
        }
    }

    /** x/mod/zip's collisionChecker: a path and each of its parent directories, compared ignoring case. */
    private static String checkCollision(String p, Map<String, String> folded) {
        String path = p;
        boolean isDir = false;
        while (true) {
            String mine = path + (isDir ? "/" : "");
            String seen = folded.putIfAbsent(path.toLowerCase(Locale.ROOT), mine);
            if (seen != null && !seen.equals(mine)) {
                return seen.equalsIgnoreCase(mine)
                        ? "case-insensitive file name collision: \"" + seen.replaceAll("/$", "") + "\" and \"" + path + "\""
                        : "entry \"" + path + "\" is both a file and a directory";
            }
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return null;
            }
            path = path.substring(0, slash);
            isDir = true;
        }
    }


    /** Lets the zip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
