package dev.gosetup.api.spi;

import dev.gosetup.api.StoreChange;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Configures an editor or IDE to build and debug Go with a gosetup environment: VS Code (id
 * {@code vscode}, in gosetup-vscode), or any other editor a plugin adds. A provider plans the edits
 * of the editor's own files; gosetup shows them (a dry run), applies them through its change
 * journal and undoes them exactly.
 *
 * <p>Contract: {@link #plan} changes nothing. Each change targets the built-in {@code file} store
 * ({@link #FILE_STORE}: the target is an absolute file path, before and after are the file's
 * exact bytes), and changes only what the provider owns in that file (its keys, its entries), every
 * other byte kept: comments, order, indentation, line endings. Planning again after applying gives
 * no change. Implementations are stateless and thread-safe.
 */
public interface DebuggerConfigProvider extends Provider {
    /** The id of the target store every planned change goes to: files, replaced atomically. */
    String FILE_STORE = "file";

    /**
     * Returns a one-line name of the editor for people, e.g. {@code "VS Code"}.
     *
     * @return the name
     */
    String displayName();

    /**
     * Plans the edits that make the editor use the request's environment, reading the files and
     * changing nothing.
     *
     * @param request what to configure
     * @return the changes, each for store {@link #FILE_STORE}; empty when everything is configured
     *     already
     * @throws dev.gosetup.api.InvalidConfigurationException when a file the provider must edit is
     *     malformed, naming the file, line and column (the file is left as it is), or a request
     *     value cannot be written safely (e.g. a password in a proxy URL)
     * @throws dev.gosetup.api.GoSetupException when a file cannot be read
     */
    List<StoreChange> plan(DebuggerConfigRequest request);

    /**
     * Reads what the editor is configured to use now for a workspace (with the user's settings
     * beneath it) or for the user alone. Needs no toolchain: it only reads.
     *
     * @param workspace the project directory, absolute; empty for the user's own settings
     * @param user whose home and environment decide where user-scope files are
     * @return the configuration; empty values where nothing is set
     * @throws dev.gosetup.api.InvalidConfigurationException when a file is malformed, naming it
     * @throws dev.gosetup.api.GoSetupException when a file cannot be read
     */
    DebuggerConfiguration read(Optional<Path> workspace, StoreContext user);
}
