package dev.gosetup.api.spi;

import dev.gosetup.api.GoEnvironment;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an editor's debugger configuration should point at: which project (or the user's own
 * settings), which Go environment, which module-proxy settings the editor's tools get, and which
 * Go tools gosetup installed. Given to a {@link DebuggerConfigProvider}.
 *
 * @param workspace the project directory whose editor files change (absolute), or empty for the
 *     user's own settings, which apply to every project
 * @param environment the Go environment: its toolchain's {@code go} is the one the editor runs
 * @param moduleSettings module-proxy settings for the editor's tools, by variable name
 *     ({@code GOPROXY}, {@code GOSUMDB}, {@code GOPRIVATE}, {@code GONOPROXY}, {@code GONOSUMDB},
 *     {@code GOINSECURE}, {@code GOFLAGS}); empty values are left out; sorted by name
 * @param dlv the Delve binary gosetup installed, absolute; empty when gosetup manages none
 * @param gopls the gopls binary gosetup installed, absolute; empty when gosetup manages none
 * @param pinGoroot also pin the toolchain's GOROOT in the editor's settings where it has such a
 *     setting (off by default: the {@code go} binary finds its own)
 * @param user whose home and environment decide where user-scope files are
 */
public record DebuggerConfigRequest(Optional<Path> workspace, GoEnvironment environment,
        Map<String, String> moduleSettings, Optional<Path> dlv, Optional<Path> gopls, boolean pinGoroot,
        StoreContext user) {

    /**
     * Copies and validates the components.
     *
     * @throws IllegalArgumentException when a path is not absolute, or a setting's name is blank
     */
    public DebuggerConfigRequest {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(dlv, "dlv");
        Objects.requireNonNull(gopls, "gopls");
        Objects.requireNonNull(user, "user");
        workspace.ifPresent(p -> requireAbsolute(p, "workspace"));
        dlv.ifPresent(p -> requireAbsolute(p, "dlv"));
        gopls.ifPresent(p -> requireAbsolute(p, "gopls"));
        TreeMap<String, String> copy = new TreeMap<>();
        moduleSettings.forEach((name, value) -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("a module setting has a blank name");
            }
            if (!value.isEmpty()) {
                copy.put(name, value);
            }
        });
        moduleSettings = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns a request for a project directory with no module settings, no tools and no pinned GOROOT.
     *
     * @param workspace the project directory, absolute
     * @param environment the Go environment
     * @param user whose home and environment
     * @return the request
     */
    public static DebuggerConfigRequest forWorkspace(Path workspace, GoEnvironment environment, StoreContext user) {
        return new DebuggerConfigRequest(Optional.of(workspace), environment, Map.of(), Optional.empty(),
                Optional.empty(), false, user);
    }

    /**
     * Tells whether gosetup manages Go tools for the editor (it installed dlv or gopls), so the
     * editor should not update them by itself.
     *
     * @return true when {@link #dlv} or {@link #gopls} is present
     */
    public boolean managesTools() {
        return dlv.isPresent() || gopls.isPresent();
    }

    private static void requireAbsolute(Path p, String what) {
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be an absolute path, got \"" + p + "\"");
        }
    }
}
