package dev.gosetup.examples;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import dev.gosetup.api.VersionFile;
import dev.gosetup.api.VersionRequirement;
import dev.gosetup.core.install.ReleaseIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Embedding example: read which Go version a project asks for (go.mod, go.work, .go-version or
 * .tool-versions), resolve it against a go.dev-style release index, and pick the archive for this
 * machine, with the SHA-256 the index vouches for.
 *
 * <pre>java dev.gosetup.examples.ChooseToolchain path/to/go.mod path/to/index.json</pre>
 */
public final class ChooseToolchain {

    /** What the example decided. */
    public record Choice(VersionRequirement requirement, Release release, ReleaseFile archive) {
        @Override
        public String toString() {
            return requirement + " -> " + release.version() + ": " + archive.filename() + " (sha256 "
                    + archive.sha256() + ", " + archive.size() + " bytes)";
        }
    }

    private ChooseToolchain() {
    }

    /**
     * Chooses the archive a project needs.
     *
     * @param versionFile a go.mod, go.work, .go-version or .tool-versions file
     * @param index a go.dev JSON index saved to disk
     * @param platform the platform to choose for
     * @return the choice
     * @throws GoSetupException when a file is malformed or nothing matches
     */
    public static Choice choose(Path versionFile, Path index, Platform platform) {
        VersionRequirement requirement = VersionFile.read(versionFile);
        List<Release> releases;
        try (InputStream in = Files.newInputStream(index)) {
            releases = ReleaseIndex.parse(in, index.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
        Release release = requirement.spec().resolve(releases).orElseThrow(() -> new NotFoundException(
                requirement + ": no release in " + index + " matches " + requirement.spec(),
                List.of("use a newer index, or ask for a version it lists")));
        ReleaseFile archive = release.archiveFor(platform).orElseThrow(() -> new NotFoundException(
                release.version() + " has no archive for " + platform + " in " + index,
                List.of("choose another platform or version")));
        return new Choice(requirement, release, archive);
    }

    /**
     * Prints the choice for the current platform.
     *
     * @param args the version file and the index file
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ChooseToolchain VERSION_FILE INDEX_JSON");
            System.exit(2);
        }
        try {
            System.out.println(choose(Path.of(args[0]), Path.of(args[1]), Platform.current()));
        } catch (GoSetupException e) {
            System.err.println(e.getMessage());
            e.resolutions().forEach(r -> System.err.println("  fix: " + r));
            System.exit(e instanceof NotFoundException ? 2 : 1);
        }
    }
}
