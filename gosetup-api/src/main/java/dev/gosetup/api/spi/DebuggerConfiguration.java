package dev.gosetup.api.spi;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an editor is configured to use now for Go, as read from its files by a
 * {@link DebuggerConfigProvider}: like VS Code's "Go: Locate Configured Go
 * Tools". A value the files do not set is empty: the editor then uses its own default (usually
 * the first {@code go} on {@code PATH}).
 *
 * @param go the {@code go} binary the editor runs, as configured
 * @param dlv the Delve binary, as configured
 * @param gopls the gopls binary, as configured
 * @param goroot a GOROOT pinned in the editor's settings
 * @param toolsEnvironment variables the editor gives its Go tools, sorted by name
 * @param debugConfigurations the names of the debug/run configurations, in file order
 * @param files the files read, in order of precedence (later ones win), existing or not
 */
public record DebuggerConfiguration(Optional<String> go, Optional<String> dlv, Optional<String> gopls,
        Optional<String> goroot, Map<String, String> toolsEnvironment, List<String> debugConfigurations,
        List<Path> files) {

    /** Copies and validates the components. */
    public DebuggerConfiguration {
        Objects.requireNonNull(go, "go");
        Objects.requireNonNull(dlv, "dlv");
        Objects.requireNonNull(gopls, "gopls");
        Objects.requireNonNull(goroot, "goroot");
        toolsEnvironment = Collections.unmodifiableMap(new TreeMap<>(toolsEnvironment));
        debugConfigurations = List.copyOf(debugConfigurations);
        files = List.copyOf(files);
    }
}
