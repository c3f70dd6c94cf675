package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.ManagedBlock;
import dev.gosetup.core.internal.HeldSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code posix-profile} store: gosetup's {@link ManagedBlock} in the profiles that
 * {@code sh}, {@code bash} and {@code zsh} read, holding the settings in POSIX syntax
 * ({@link ShellScript}, {@link Shell#SH}), after a {@code # gosetup-settings:} comment line
 * ({@link HeldSettings}) from which {@link #held} reads the settings back.
 *
 * <p>Which files:
 * <ul>
 *   <li>{@code ~/.profile}, always (created when missing): what {@code sh} and other login
 *       shells read, and bash's login shells when neither of the next two exists;
 *   <li>{@code ~/.bash_profile} and {@code ~/.bash_login}, when they exist: a login bash reads
 *       the first of them that exists instead of {@code ~/.profile};
 *   <li>{@code ~/.bashrc}, when it exists or {@code $SHELL} is bash: interactive bash;
 *   <li>{@code $ZDOTDIR/.zshrc} ({@code ~/.zshrc} when {@code ZDOTDIR} is unset or not absolute),
 *       when it exists or {@code $SHELL} is zsh: interactive zsh.
 * </ul>
 * A shell may read several of them (a login bash reading {@code ~/.profile}, which sources
 * {@code ~/.bashrc}); the block's {@code PATH} guard adds each directory once all the same.
 *
 * <p>The block's lines end in LF even in a profile whose other lines end in CRLF: the shells read
 * a {@code \r} before the {@code \n} as part of the line, so a CRLF block would set values ending
 * in {@code \r} and break its {@code case} statement. (A CRLF profile works only as far as its
 * CRLF lines are comments; those are kept as they are.)
 *
 * <p>A profile that is a symbolic link is edited at its target and the link kept; an existing
 * file keeps its permissions, a new one gets {@code 0644}. Every byte outside the block is kept.
 * Removing (planning {@link EnvironmentSettings#NONE}) takes the block out again and gives back
 * the bytes the file had before gosetup added it; a profile gosetup created stays, empty, because
 * gosetup does not delete a user's shell profile. Reading the context only, never the process's
 * environment. Stateless and thread-safe.
 */
public final class PosixProfileStore extends ProfileBlockStore {

    /** Creates the store; does no I/O. */
    public PosixProfileStore() {
        super(Shell.SH, "block", true);
    }

    /**
     * Returns the id of this store.
     *
     * @return {@code "posix-profile"}
     */
    @Override
    public String id() {
        return "posix-profile";
    }

    /**
     * Tells whether POSIX shell profiles matter on the host.
     *
     * @param host the platform
     * @return true everywhere but Windows
     */
    @Override
    public boolean appliesTo(Platform host) {
        return !host.isWindows();
    }

    @Override
    protected List<Path> files(StoreContext context) {
        Path home = context.home();
        return List.of(home.resolve(".profile"), home.resolve(".bash_profile"), home.resolve(".bash_login"),
                home.resolve(".bashrc"), zshrc(context));
    }

    /** The profiles that should hold the block: see the class comment. */
    @Override
    protected List<Path> wanted(StoreContext context) {
        Path home = context.home();
        String shell = context.variable("SHELL").map(s -> s.substring(s.lastIndexOf('/') + 1)).orElse("");
        List<Path> out = new ArrayList<>();
        out.add(home.resolve(".profile"));
        for (String name : List.of(".bash_profile", ".bash_login")) {
            if (exists(home.resolve(name))) {
                out.add(home.resolve(name));
            }
        }
        if (shell.equals("bash") || exists(home.resolve(".bashrc"))) {
            out.add(home.resolve(".bashrc"));
        }
        if (shell.equals("zsh") || exists(zshrc(context))) {
            out.add(zshrc(context));
        }
        return out;
    }

    private static Path zshrc(StoreContext context) {
        Path dir = context.variable("ZDOTDIR").map(v -> context.home().getFileSystem().getPath(v))
                .filter(Path::isAbsolute).orElse(context.home());
        return dir.resolve(".zshrc");
    }

    /** Exists as a file, or as a link (even a dangling one: writing it creates its target). */
    private static boolean exists(Path file) {
        return java.nio.file.Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
