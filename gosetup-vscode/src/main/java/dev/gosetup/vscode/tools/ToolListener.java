package dev.gosetup.vscode.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * Hears the phases of a tool install: {@link #installing}, {@link #output}..., {@link #verifying},
 * then {@link #installed}. Every method has a no-op default. Calls come from the installing
 * thread, except {@link #output}, which comes from the threads reading go's output (one at a time
 * per stream); callbacks must return quickly.
 */
public interface ToolListener {

    /** A listener that ignores everything. */
    ToolListener NOOP = new ToolListener() { };

    /**
     * {@code go install} is starting.
     *
     * @param tool the tool
     * @param version the version being installed
     * @param command the command line that runs
     */
    default void installing(GoTool tool, String version, List<String> command) {
    }

    /**
     * A line of go's output.
     *
     * @param line the line, without its terminator
     */
    default void output(String line) {
    }

    /**
     * The binary is being checked with {@code go version -m}.
     *
     * @param binary the installed binary
     */
    default void verifying(Path binary) {
    }

    /**
     * The tool is installed and verified.
     *
     * @param tool what was installed
     */
    default void installed(InstalledTool tool) {
    }
}
