package dev.gosetup.testkit;

import java.util.Locale;

/**
 * The Go names ({@code GOOS}/{@code GOARCH}) of the machine the tests run on, and the go.dev archive file
 * names derived from them.
 *
 * <p>Only hosts whose go.dev archives are {@code .tar.gz} (Linux, macOS, the BSDs) are supported; asking for an
 * archive name on Windows throws {@link UnsupportedOperationException}.
 */
public final class HostPlatform {

    private HostPlatform() {
    }

    /**
     * The host's {@code GOOS}, derived from {@code os.name}.
     *
     * @return e.g. {@code linux}, {@code darwin}, {@code windows}, {@code freebsd}
     */
    public static String goos() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "darwin";
        }
        if (os.startsWith("windows")) {
            return "windows";
        }
        return os.replaceAll("[^a-z0-9]", "");
    }

    /**
     * The host's {@code GOARCH}, derived from {@code os.arch}.
     *
     * @return e.g. {@code amd64}, {@code arm64}, {@code 386}
     */
    public static String goarch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "amd64";
            case "aarch64":
            case "arm64":
                return "arm64";
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "386";
            case "arm":
                return "armv6l";
            case "ppc64le":
            case "s390x":
            case "riscv64":
            case "loong64":
                return arch;
            default:
                return arch.replaceAll("[^a-z0-9]", "");
        }
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
