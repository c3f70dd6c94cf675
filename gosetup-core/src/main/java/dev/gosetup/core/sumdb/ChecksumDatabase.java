package dev.gosetup.core.sumdb;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.internal.ModulePath;
import dev.gosetup.core.proxy.SumDb;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A client of a Go checksum database ({@code GOSUMDB}), written from golang.org/x/mod/sumdb's
 * protocol: it looks a module version up ({@code /lookup/<module>@<version>}), checks that the
 * answer's tree head is a note signed by the configured key (Ed25519), that the record is in that
 * tree (an inclusion proof built from the database's tiles, {@code /tile/8/L/N[.p/W]}), and that
 * the tree is consistent with the newest tree head this client saw before (a consistency proof),
 * so that a database showing different logs to different clients, a fork, is detected.
 *
 * <p>The newest tree head is remembered in {@code <state>/<name>/latest}, owner-only, as the signed
 * note; several processes may share it (a file lock guards updates). The database is reached as
 * the go command reaches it: through the first {@code GOPROXY} entry answering
 * {@code /sumdb/<name>/supported}, else directly at the URL in {@code GOSUMDB} or
 * {@code https://<name>}.
 *
 * <p>Thread-safe; every method blocks on the network.
 */
public final class ChecksumDatabase {
    /** Fetches a URL's body; the installer plugs its HTTP client in here. */
    @FunctionalInterface
    public interface Fetcher {
        /**
         * Fetches a URL.
         *
         * @param uri the URL
         * @return the body of a 200 answer
         * @throws NotFoundException on 404 or 410
         * @throws NetworkException on any other failure
         */
        byte[] fetch(URI uri);
    }

    /**
     * A record the database vouches for: the {@code go.sum} lines of one module version.
     *
     * @param id the record's index in the log
     * @param lines the lines, e.g. {@code golang.org/toolchain v0.0.1-go1.22.12.linux-amd64 h1:...}
     * @param treeSize the size of the signed tree it was proven in
     */
    public record Record(long id, List<String> lines, long treeSize) {
        /** Copies the lines. */
        public Record {
            lines = List.copyOf(lines);
        }
    }

    private static final System.Logger LOG = System.getLogger(ChecksumDatabase.class.getName());

    private final SumDb sumdb;
    private final NoteVerifier verifier;
    private final GoProxyList proxies;
    private final Path stateDir;
    private final Fetcher fetcher;
    private volatile URI base;

    private ChecksumDatabase(SumDb sumdb, NoteVerifier verifier, GoProxyList proxies, Path stateDir, Fetcher fetcher) {
        this.sumdb = sumdb;
        this.verifier = verifier;
        this.proxies = proxies;
        this.stateDir = stateDir;
        this.fetcher = fetcher;
    }

    /**
     * Opens a client of the database a {@code GOSUMDB} value names.
     *
     * @param sumdb the database; not {@code off}
     * @param proxies the GOPROXY list, asked first for {@code /sumdb/<name>/supported}
     * @param stateDirectory where the newest tree heads are remembered (created owner-only)
     * @param fetcher the HTTP client
     * @return the client
     * @throws InvalidConfigurationException when GOSUMDB is off or its key is malformed
     */
    public static ChecksumDatabase open(SumDb sumdb, GoProxyList proxies, Path stateDirectory, Fetcher fetcher) {
        Objects.requireNonNull(sumdb, "sumdb");
        if (sumdb.off()) {
            throw new InvalidConfigurationException("GOSUMDB=off: there is no checksum database to verify against",
                    List.of("unset GOSUMDB (Go's default is " + SumDb.GO_DEFAULT + ") or name a database"));
        }
        NoteVerifier verifier = NoteVerifier.parse(sumdb.key());
        return new ChecksumDatabase(sumdb, verifier, Objects.requireNonNull(proxies, "proxies"),
                Objects.requireNonNull(stateDirectory, "stateDirectory"), Objects.requireNonNull(fetcher, "fetcher"));
    }

    /**
     * Returns the database's name.
     *
     * @return e.g. {@code sum.golang.org}
     */
    public String name() {
        return verifier.name();
    }

    /**
     * Returns the file holding the newest tree head seen.
     *
     * @return {@code <state>/<url-encoded name>/latest}; it may not exist yet
     */
    public Path rememberedTreeFile() {
        return stateDir.resolve(URLEncoder.encode(verifier.name(), StandardCharsets.UTF_8)).resolve("latest");
    }

    /**
     * Returns where the database is reached, finding it on first use as the go command does.
     *
     * @return the base URL, without a trailing slash
     * @throws NetworkException when a proxy fails in a way that does not let the next one be tried
     */
    public URI base() {
        URI b = base;
        if (b == null) {
            b = findBase();
            base = b;
        }
        return b;
    }

    /**
     * Looks a module version up and proves the record: signed tree head, inclusion, and consistency
     * with the remembered tree head (which it then advances).
     *
     * @param module the module path
     * @param version the version
     * @return the verified record
     * @throws NotFoundException when the database has no such module version
     * @throws VerificationException when any proof fails, naming which
     * @throws NetworkException when the database cannot be reached
     */
    public Record lookup(String module, String version) {
        URI url = join(base(), "lookup/" + ModulePath.escapePath(module) + "@" + ModulePath.escapeVersion(version));
        byte[] answer = fetcher.fetch(url);
        String what = "the checksum database answer " + url;
        ParsedRecord parsed = parseRecord(answer, what);
        String treeText = verifier.open(parsed.signedTree(), what);
        Tlog.Tree tree = Tlog.parseTree(treeText).orElseThrow(() -> new VerificationException(
                what + " carries a signed note that is not a tree head", List.of("report it to the database operator")));
        if (parsed.id() >= tree.size()) {
            throw new VerificationException(what + ": record " + parsed.id() + " is not in the signed " + tree,
                    List.of("do not trust this checksum database server or proxy; report it"));
        }
        TileHashes hashes = new TileHashes(tree.size());
        byte[] leaf = Tlog.recordHash(parsed.text());
        List<byte[]> proof = Tlog.inclusionProof(hashes, parsed.id(), 0, tree.size());
        if (!Tlog.verifyInclusion(parsed.id(), tree.size(), proof, leaf, tree.hash())) {
            throw new VerificationException("the checksum database " + name() + " cannot prove that its record for "
                    + module + "@" + version + " (record " + parsed.id() + ") is in its signed " + tree
                    + ": the inclusion proof from its tiles does not check",
                    List.of("do not trust this checksum database server or proxy: it served a record or tiles that "
                            + "are not in the log it signed; report it"));
        }
        rememberConsistent(tree, parsed.signedTree(), hashes);
        List<String> lines = Arrays.asList(new String(parsed.text(), StandardCharsets.UTF_8).split("\n"));
        LOG.log(Level.DEBUG, () -> "verified " + module + "@" + version + " as record " + parsed.id() + " of " + tree);
        return new Record(parsed.id(), lines, tree.size());
    }

    /**
     * Checks a module zip's {@code h1:} hash against the database.
     *
     * @param module the module path
     * @param version the version
     * @param zipHash the hash of the downloaded zip, e.g. {@code h1:abc...=}
     * @return the verified record
     * @throws VerificationException when the database holds another hash, or any proof fails
     * @throws NotFoundException when the database has no such module version
     */
    public Record verifyZip(String module, String version, String zipHash) {
        Record record = lookup(module, version);
        String prefix = module + " " + version + " ";
        Optional<String> listed = record.lines().stream().filter(l -> l.startsWith(prefix) && !l.contains("/go.mod "))
                .map(l -> l.substring(prefix.length())).findFirst();
        if (listed.isEmpty()) {
            throw new VerificationException("the checksum database " + name() + " record for " + module + "@" + version
                    + " holds no zip hash", List.of("report it to the database operator"));
        }
        if (!listed.get().equals(zipHash)) {
            throw new VerificationException("SECURITY ERROR: the zip of " + module + "@" + version + " has hash "
                    + zipHash + " but the checksum database " + name() + " vouches for " + listed.get()
                    + ": the download was tampered with or corrupted",
                    List.of("do not use this proxy's copy; retry through another GOPROXY entry",
                            "report the proxy: it serves a zip that is not the published one"));
        }
        return record;
    }

    private record ParsedRecord(long id, byte[] text, byte[] signedTree) {
    }

    /** tlog.ParseRecord: the id line, the record text up to a blank line, then the signed tree note. */
    private static ParsedRecord parseRecord(byte[] msg, String what) {
        String s = new String(msg, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        int blank = s.indexOf("\n\n");
        long id;
        try {
            id = nl < 0 ? -1 : Long.parseLong(s.substring(0, nl));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0 || blank < nl || !s.substring(0, nl).equals(Long.toString(id))) {
            throw new VerificationException(what + " is not a record (id line, record text, blank line, signed tree)",
                    List.of("the server or a proxy in between answered with something else; check GOPROXY and GOSUMDB"));
        }
        byte[] bytes = msg;
        int textStart = Tlog.utf8(s.substring(0, nl + 1)).length;
        int textEnd = Tlog.utf8(s.substring(0, blank + 1)).length;
        byte[] text = Arrays.copyOfRange(bytes, textStart, textEnd);
        byte[] rest = Arrays.copyOfRange(bytes, textEnd + 1, bytes.length);
        String t = new String(text, StandardCharsets.UTF_8);
        if (t.isEmpty() || t.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new VerificationException(what + " holds a malformed record text", List.of("report it"));
        }
        return new ParsedRecord(id, text, rest);
    }

    /** Stored hashes read from the database's tiles for one tree size; tiles are fetched once each. */
    private final class TileHashes implements Tlog.HashSource {
        private final long treeSize;
        private final Map<String, byte[]> tiles = new HashMap<>();

        TileHashes(long treeSize) {
            this.treeSize = treeSize;
        }

        @Override
        public byte[] stored(int level, long index) {
            int tileLevel = level / Tlog.TILE_HEIGHT;
            int within = level % Tlog.TILE_HEIGHT;
            long start = index << within;
            int count = 1 << within;
            long tileIndex = start / Tlog.TILE_WIDTH;
            long available = treeSize >> (tileLevel * Tlog.TILE_HEIGHT);
            int width = (int) Math.min(Tlog.TILE_WIDTH, available - tileIndex * Tlog.TILE_WIDTH);
            String path = Tlog.tilePath(tileLevel, tileIndex, width);
            byte[] tile = tiles.computeIfAbsent(path, this::fetchTile);
            int offset = (int) (start - tileIndex * Tlog.TILE_WIDTH);
            List<byte[]> hashes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int from = (offset + i) * Tlog.HASH_SIZE;
                hashes.add(Arrays.copyOfRange(tile, from, from + Tlog.HASH_SIZE));
            }
            return Tlog.completeRoot(hashes);
        }

        private byte[] fetchTile(String path) {
            URI url = join(base(), path);
            byte[] data = fetcher.fetch(url);
            String width = path.contains(".p/") ? path.substring(path.lastIndexOf('/') + 1) : Integer.toString(Tlog.TILE_WIDTH);
            if (data.length != Integer.parseInt(width) * Tlog.HASH_SIZE) {
                throw new VerificationException("the checksum database tile " + url + " holds " + data.length
                        + " bytes, not " + width + " hashes of " + Tlog.HASH_SIZE + " bytes",
                        List.of("the server or a proxy in between answered with something else; retry, or report it"));
            }
            return data;
        }
    }

    /** Checks the new tree against the remembered one and keeps the larger; a fork is refused. */
    private void rememberConsistent(Tlog.Tree tree, byte[] signedNote, TileHashes newTreeHashes) {
        Path file = rememberedTreeFile();
        try {
            createOwnerOnly(file.getParent());
            try (FileChannel channel = FileChannel.open(file.resolveSibling("latest.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Optional<Tlog.Tree> remembered = readRemembered(file);
                if (remembered.isEmpty()) {
                    write(file, signedNote);
                    return;
                }
                Tlog.Tree old = remembered.get();
                if (old.size() == tree.size()) {
                    if (!old.sameAs(tree)) {
                        throw fork(old, tree, file, "two different roots for the same size");
                    }
                    return;
                }
                Tlog.Tree smaller = old.size() < tree.size() ? old : tree;
                Tlog.Tree larger = old.size() < tree.size() ? tree : old;
                if (smaller.size() > 0) {
                    TileHashes hashes = larger == tree ? newTreeHashes : new TileHashes(larger.size());
                    List<byte[]> proof = Tlog.consistencyProof(hashes, smaller.size(), larger.size());
                    if (!Tlog.verifyConsistency(smaller.size(), larger.size(), proof, smaller.hash(), larger.hash())) {
                        throw fork(old, tree, file, "the larger tree does not contain the smaller one");
                    }
                }
                if (larger == tree) {
                    write(file, signedNote);
                }
            }
        } catch (IOException e) {
            throw new GoSetupException("cannot remember the checksum database tree head in " + file + ": " + e,
                    List.of("check that " + file.getParent() + " is a writable directory owned by you"), e);
        }
    }

    private Optional<Tlog.Tree> readRemembered(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] note = Files.readAllBytes(file);
        try {
            return Tlog.parseTree(verifier.open(note, "the remembered tree head " + file));
        } catch (VerificationException e) {
            // Not signed by the key configured now (GOSUMDB changed, or the file was damaged): start over from
            // what the database proves now, as the go command does when its cached latest note fails to open.
            LOG.log(Level.WARNING, () -> "ignoring " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private VerificationException fork(Tlog.Tree old, Tlog.Tree now, Path file, String why) {
        return new VerificationException("SECURITY ERROR: the checksum database " + name() + " now shows a "
                + now + ", which is inconsistent with the " + old + " remembered in " + file + " (" + why
                + "): the log has forked, or a proxy shows you a different log than everyone else",
                List.of("do not install anything verified by this database until it is explained; report it",
                        "if you deliberately changed GOSUMDB to a different database with the same name, delete " + file));
    }

    private static void write(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("latest." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** cmd/go's dbClient.initBase: the first proxy answering /sumdb/NAME/supported, else direct. */
    private URI findBase() {
        String name = verifier.name();
        for (GoProxyList.Entry entry : proxies.entries()) {
            if (entry.kind() != GoProxyList.Kind.PROXY) {
                break;
            }
            URI proxied = join(URI.create(entry.url()), "sumdb/" + name);
            try {
                fetcher.fetch(join(proxied, "supported"));
                LOG.log(Level.DEBUG, () -> "checksum database " + name + " reached through " + proxied);
                return proxied;
            } catch (NotFoundException e) {
                LOG.log(Level.DEBUG, () -> entry.url() + " does not proxy " + name + ": " + e.getMessage());
            } catch (NetworkException e) {
                if (!entry.fallBackOnError()) {
                    throw e;
                }
                LOG.log(Level.DEBUG, () -> entry.url() + " failed; trying the next GOPROXY entry: " + e.getMessage());
            }
        }
        String direct = sumdb.url().orElse("https://" + name);
        return URI.create(direct.endsWith("/") ? direct.substring(0, direct.length() - 1) : direct);
    }

    static URI join(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b : b + "/") + path);
    }

    @Override
    public String toString() {
        return "ChecksumDatabase[" + verifier + "]";
    }
}
