package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.testkit.Unwritable;
import dev.gosetup.testkit.contract.EnvironmentStoreContract;
import dev.gosetup.core.internal.HeldSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every file-based environment store must do beyond the published {@link EnvironmentStoreContract}
 * (which it extends, so every built-in store runs that too), run against each one by a subclass: planning never
 * writes; applying a plan then planning again gives nothing; planning {@link EnvironmentSettings#NONE}
 * and applying it gives back the original bytes; symbolic links are edited at their target; permissions
 * are kept; a directory that cannot be written gives a {@link GoSetupException} naming the path and
 * leaves the file as it was.
 */
public abstract class FileStoreContract extends EnvironmentStoreContract {
    protected static final Platform LINUX = new Platform("linux", "amd64");
    protected static final EnvironmentSettings SETTINGS = new EnvironmentSettings(
            Map.of("GOPATH", "/home/me/my go", "GOFLAGS", "-tags=it's \"x\" $y", "GOTOOLCHAIN", "local"),
            List.of("/usr/local/go/bin", "/home/me/my go/bin"));
    protected static final EnvironmentSettings OTHER = new EnvironmentSettings(Map.of("GOPATH", "/elsewhere"), List.of("/opt/go/bin"));

    /** The store under test. */
    @Override
    protected abstract EnvironmentStore store();

    /** The file the store writes {@link #SETTINGS} to, given {@link #context()}. */
    protected abstract Path primaryFile();

    /**
     * What the primary file holds before the test: the user's own bytes for a file gosetup shares, or
     * empty for a file gosetup owns (which then does not exist).
     */
    protected abstract Optional<byte[]> userContent();

    /** The user's environment; none by default. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** The host the user's shell runs on; Linux by default. */
    protected Platform host() {
        return LINUX;
    }

    protected final StoreContext context() {
        return new StoreContext(home, environment(), host());
    }

    @Override
    protected final StoreContext context(Path home) {
        return new StoreContext(home, environment(), host());
    }

    @Override
    protected final void seed(Path home, StoreContext context) throws IOException {
        seed();
    }

    /** Applies changes the way gosetup's engine does: check the before state, then write. */
    protected final void apply(List<StoreChange> changes) {
        for (StoreChange c : changes) {
            assertThat(c.storeId()).isEqualTo(store().id());
            assertThat(Path.of(c.target()).isAbsolute()).as(c.target()).isTrue();
            assertThat(c.isBefore(store().read(c.target(), context()))).as("unchanged since planning: %s", c).isTrue();
            store().write(c.target(), c.after(), context());
            assertThat(c.isAfter(store().read(c.target(), context()))).as("written: %s", c).isTrue();
        }
    }

    protected final void seed() throws IOException {
        Optional<byte[]> content = userContent();
        if (content.isPresent()) {
            Files.createDirectories(primaryFile().getParent());
            Files.write(primaryFile(), content.get());
        }
    }

    /** Every regular file and link under the home directory, with its content or target. */
    protected final Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    files.put(home.relativize(p).toString(), "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(home.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    /** Settings with values that need quoting everywhere; a store overrides this to leave out what it refuses. */
    protected EnvironmentSettings nasty() {
        return ShellScriptTest.nastySettings();
    }

    @Test
    void heldGivesBackExactlyTheSettingsWritten() throws IOException {
        seed();
        assertThat(store().held(context())).isEqualTo(EnvironmentSettings.NONE);
        for (EnvironmentSettings s : List.of(SETTINGS, nasty(), OTHER,
                new EnvironmentSettings(Map.of("GOPROXY", "https://goproxy.cn,direct"), List.of()),
                new EnvironmentSettings(Map.of(), List.of("/only/a/dir")))) {
            apply(store().plan(s, context()));
            assertThat(store().held(context())).as("%s", s).isEqualTo(s);
            assertThat(store().plan(store().held(context()), context())).as("idempotent: %s", s).isEmpty();
        }
        apply(store().plan(EnvironmentSettings.NONE, context()));
        assertThat(store().held(context())).isEqualTo(EnvironmentSettings.NONE);
    }

    @Test
    void heldNeverGivesAWrongValueForADamagedOrEditedFile() throws IOException {
        seed();
        apply(store().plan(OTHER, context()));
        String written = Files.readString(primaryFile(), StandardCharsets.ISO_8859_1);
        assertThat(written).contains(HeldSettings.PREFIX);
        Map<String, String> damaged = Map.of(
                "edited by hand", written.replace("/elsewhere", "/edited"),
                "settings line damaged", written.replace(HeldSettings.PREFIX + "1 ", HeldSettings.PREFIX + "1 !"),
                "settings line missing", written.replaceAll("(?m)^" + HeldSettings.PREFIX + "[^\n]*\n", ""),
                "settings line doubled", written.replaceAll("(?m)^(" + HeldSettings.PREFIX + "[^\n]*\n)", "$1$1"));
        for (Map.Entry<String, String> e : damaged.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isNotEqualTo(written);
            Files.writeString(primaryFile(), e.getValue(), StandardCharsets.ISO_8859_1);
            assertThat(store().held(context())).as(e.getKey()).isEqualTo(EnvironmentSettings.NONE);
        }
    }

    @Test
    void identifiesAndDescribesItself() {
        assertThat(store().id()).matches("[a-z]+(-[a-z]+)*");
        assertThat(store().describe(context())).isNotBlank();
        assertThat(store().appliesTo(LINUX)).isTrue();
        assertThat(store().unsupported(SETTINGS)).isEmpty();
    }

    @Test
    void planningWritesNothing() throws IOException {
        seed();
        Map<String, String> before = snapshot();
        assertThat(store().plan(SETTINGS, context())).isNotEmpty();
        store().plan(EnvironmentSettings.NONE, context());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void applyingAPlanThenPlanningAgainGivesNothing() throws IOException {
        seed();
        apply(store().plan(SETTINGS, context()));
        assertThat(store().plan(SETTINGS, context())).isEmpty();
        apply(store().plan(OTHER, context()));
        assertThat(store().plan(OTHER, context())).isEmpty();
    }

    @Test
    void planningNoneGivesBackTheOriginalBytes() throws IOException {
        seed();
        Map<String, String> original = snapshot();
        apply(store().plan(SETTINGS, context()));
        assertThat(snapshot()).isNotEqualTo(original);
        apply(store().plan(OTHER, context()));
        apply(store().plan(EnvironmentSettings.NONE, context()));
        assertThat(snapshot()).isEqualTo(original);
        assertThat(store().plan(EnvironmentSettings.NONE, context())).isEmpty();
    }

    @Test
    void rollingBackWithBeforeBytesIsExact() throws IOException {
        seed();
        Map<String, String> original = snapshot();
        List<StoreChange> changes = store().plan(SETTINGS, context());
        apply(changes);
        apply(changes.stream().map(StoreChange::reversed).toList());
        assertThat(snapshot()).isEqualTo(original);
    }

    @Test
    void nothingToRemoveFromAnEmptyHome() {
        assertThat(store().plan(EnvironmentSettings.NONE, context())).isEmpty();
    }

    @Test
    void aSymlinkIsEditedAtItsTargetAndKept() throws IOException {
        Path target = home.resolve("dotfiles").resolve("the-real-file");
        Files.createDirectories(target.getParent());
        Files.write(target, userContent().orElse("# an old version\n".getBytes()));
        Files.createDirectories(primaryFile().getParent());
        Path link = Files.createSymbolicLink(primaryFile(), primaryFile().getParent().relativize(target));
        Path linkTarget = Files.readSymbolicLink(link);
        List<StoreChange> changes = store().plan(SETTINGS, context());
        apply(changes);
        assertThat(Files.isSymbolicLink(primaryFile())).isTrue();
        assertThat(Files.readSymbolicLink(primaryFile())).isEqualTo(linkTarget);
        StoreChange change = changes.stream().filter(c -> c.target().equals(primaryFile().toString())).findFirst()
                .orElseThrow();
        assertThat(Files.readAllBytes(target)).isEqualTo(change.after().orElseThrow());
    }

    @Test
    void permissionsAreKeptAndNewFilesGet0644() throws IOException {
        seed();
        if (Files.exists(primaryFile())) {
            Files.setPosixFilePermissions(primaryFile(), PosixFilePermissions.fromString("rw-------"));
        }
        apply(store().plan(SETTINGS, context()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(primaryFile())))
                .isEqualTo(userContent().isPresent() ? "rw-------" : "rw-r--r--");
        apply(store().plan(OTHER, context()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(primaryFile())))
                .isEqualTo(userContent().isPresent() ? "rw-------" : "rw-r--r--");
    }

    @Test
    void anUnwritableDirectoryFailsNamingThePathAndChangesNothing() throws IOException {
        seed();
        apply(store().plan(OTHER, context())); // the file and its directory exist
        Map<String, String> before = snapshot();
        List<StoreChange> changes = store().plan(SETTINGS, context());
        StoreChange change = changes.stream().filter(c -> c.target().equals(primaryFile().toString())).findFirst()
                .orElseThrow();
        Path dir = primaryFile().getParent();
        try (Unwritable ignored = Unwritable.make(dir)) {
            assertThatThrownBy(() -> store().write(change.target(), change.after(), context()))
                    .isInstanceOf(GoSetupException.class)
                    .hasMessageContaining(primaryFile().toString())
                    .satisfies(e -> assertThat(((GoSetupException) e).resolutions()).isNotEmpty());
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void onlyItsOwnFilesCanBeReadOrWritten() {
        String foreign = home.resolve("not-mine").toString();
        assertThatThrownBy(() -> store().read(foreign, context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(foreign);
        assertThatThrownBy(() -> store().write(foreign, Optional.of(new byte[0]), context()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(Path.of(foreign))).isFalse();
    }

    @Override
    protected final Optional<String> makeReadOnly(String target, StoreContext context) throws Exception {
        return makeFileReadOnly(target);
    }
}
