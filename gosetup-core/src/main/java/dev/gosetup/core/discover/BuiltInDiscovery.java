package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.ToolchainDiscovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the built-in discoveries share: an id, the kind of host they apply to, and glob expansion
 * of directory patterns ({@code *} within one path segment) that never throws.
 */
abstract class BuiltInDiscovery implements ToolchainDiscovery {
    /** Which hosts a discovery looks on. */
    enum Hosts { ANY, UNIX, WINDOWS }

    private final String id;
    private final Hosts hosts;

    BuiltInDiscovery(String id, Hosts hosts) {
        this.id = Objects.requireNonNull(id, "id");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final boolean appliesTo(Platform host) {
        return hosts == Hosts.ANY || (hosts == Hosts.WINDOWS) == host.isWindows();
    }

    @Override
    public final List<Path> candidates(DiscoveryContext context) {
        if (!appliesTo(context.host())) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        locate(context, found);
        return List.copyOf(found);
    }

    /** Adds the candidate GOROOTs of this install method; missing directories add nothing. */
    abstract void locate(DiscoveryContext context, List<Path> found);

    /** The directory a variable names when set to an absolute path, else the fallback. */
    static Path dir(DiscoveryContext context, String variable, Path fallback) {
        return path(context, variable).orElse(fallback);
    }

    /** The absolute path a variable names, if it names one. */
    static Optional<Path> path(DiscoveryContext context, String variable) {
        try {
            return context.variable(variable).map(Path::of).filter(Path::isAbsolute);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the directories matching {@code segments} under {@code base}, where a segment may hold
     * {@code *} (any characters within one name); matches of one segment in name order. Names
     * with control characters never match.
     */
    static void glob(List<Path> found, Path base, String... segments) {
        List<Path> current = List.of(base);
        for (String segment : segments) {
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (segment.indexOf('*') < 0) {
                    next.add(dir.resolve(segment));
                    continue;
                }
                StringBuilder regex = new StringBuilder();
                for (String part : segment.split("\\*", -1)) {
                    regex.append(regex.length() == 0 ? "" : ".*").append(Pattern.quote(part));
                }
                Pattern pattern = Pattern.compile(regex.toString());
                List<Path> matches = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        // A name with control characters is no install anyone made on purpose, and
                        // would reach a terminal through list --all and the doctor: skip it.
                        if (name.codePoints().noneMatch(Character::isISOControl) && pattern.matcher(name).matches()
                                && Files.isDirectory(entry)) {
                            matches.add(entry);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    continue; // not there or not readable: nothing to find here
                }
                matches.sort(null);
                next.addAll(matches);
            }
            current = next;
        }
        for (Path p : current) {
            if (Files.isDirectory(p)) {
                found.add(p.toAbsolutePath());
            }
        }
    }
}
