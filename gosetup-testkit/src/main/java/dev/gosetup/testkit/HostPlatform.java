package dev.gosetup.testkit;

import dev.gosetup.api.Platform;

/**
 * The Go names of the machine the tests run on as the go.dev index writes them, and the archive
 * file names derived from them: {@link Platform#current()}, the one mapping from Java's names to
 * Go's, seen the way the index sees it.
 *
 * <p>Only hosts whose go.dev archives are {@code .tar.gz} (Linux, macOS, the BSDs) are supported; asking for an
 * archive name on Windows throws {@link UnsupportedOperationException}.
 */
public final class HostPlatform {

    private HostPlatform() {
    }

    /**
     * The host's {@code GOOS}.
     *
     * @return e.g. {@code linux}, {@code darwin}, {@code windows}, {@code freebsd}
     */
    public static String goos() {
        return Platform.current().os();
    }

    /**
     * The host's architecture as in go.dev's index and file names ({@link Platform#archiveArch()}).
     *
     * @return e.g. {@code amd64}, {@code arm64}, {@code 386}, {@code armv6l} for {@code GOARCH=arm}
     */
    public static String goarch() {
        return Platform.current().archiveArch();
    }

    /**
     * The go.dev archive name of a release for this host, e.g. {@code go1.22.12.linux-amd64.tar.gz}.
     *
     * @param version a Go version as in {@code $GOROOT/VERSION}, e.g. {@code go1.22.12}
     * @return the file name go.dev uses for that release's archive on this host
     * @throws UnsupportedOperationException on Windows, whose go.dev archives are zip files this kit does not build
     */
    public static String archiveFilename(String version) {
        if (goos().equals("windows")) {
            throw new UnsupportedOperationException(
                    "gosetup-testkit packs .tar.gz archives only; go.dev ships zip files for windows");
        }
        return version + "." + goos() + "-" + goarch() + ".tar.gz";
    }
}
