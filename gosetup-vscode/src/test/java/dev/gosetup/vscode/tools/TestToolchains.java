package dev.gosetup.vscode.tools;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real toolchains and Delve these tests drive: a Go of one minor line from the machine
 * (Debian's /usr/lib/go-1.NN, see the testkit), and Debian's /usr/bin/dlv. Missing ones skip the
 * test, except under {@code CI=true}, where they fail it (as {@link RealToolchains#require} does).
 */
public final class TestToolchains {
    /** Debian's delve package puts it here; the version the tests expect is 1.20.2. */
    public static final Path DEBIAN_DLV = Path.of("/usr/bin/dlv");

    private TestToolchains() {
    }

    /**
     * Returns the newest installed Go of a minor line, e.g. {@code go(19)}.
     *
     * @param minor the minor version
     * @return the toolchain
     */
    public static Toolchain go(int minor) {
        LocalGoroot found = RealToolchains.discover().stream()
                .filter(g -> GoVersion.parse(g.version()).minor() == minor && GoVersion.parse(g.version()).major() == 1)
                .max(Comparator.comparing(g -> GoVersion.parse(g.version())))
                .orElse(null);
        require(found != null, "a Go 1." + minor + " toolchain (" + RealToolchains.INSTALL_SCRIPT + ")");
        return new Toolchain(GoVersion.parse(found.version()), Platform.current(), found.goroot().toAbsolutePath());
    }

    /**
     * Returns Debian's dlv.
     *
     * @return its path
     */
    public static Path dlv() {
        require(Files.isExecutable(DEBIAN_DLV), "Debian's delve at " + DEBIAN_DLV + " (apt-get install delve)");
        return DEBIAN_DLV;
    }

    private static void require(boolean present, String what) {
        if (!present && "true".equals(System.getenv(RealToolchains.CI_ENV))) {
            fail("CI=true and this test needs " + what);
        }
        assumeTrue(present, "needs " + what);
    }
}
