package dev.gosetup.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An operating system and processor architecture in Go's terms ({@code GOOS} and {@code GOARCH}),
 * such as {@code linux-amd64} or {@code windows-arm64}.
 *
 * <p>Both parts are checked against the lists Go knows ({@code internal/syslist}); whether Go
 * actually ships a toolchain for the pair is for the release index to say.
 *
 * @param os the GOOS, such as {@code linux}, {@code darwin} or {@code windows}
 * @param arch the GOARCH, such as {@code amd64}, {@code arm64}, {@code 386} or {@code arm}
 */
public record Platform(String os, String arch) {

    // From Go's src/internal/syslist/syslist.go (knownOS and knownArch).
    private static final Set<String> KNOWN_OS = Set.of(
            "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
            "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos");
    private static final Set<String> KNOWN_ARCH = Set.of(
            "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle",
            "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64",
            "s390", "s390x", "sparc", "sparc64", "wasm");

    /**
     * Validates both parts against Go's known lists.
     *
     * @param os the GOOS
     * @param arch the GOARCH
     * @throws IllegalArgumentException if {@code os} is not a known GOOS or {@code arch} not a known
     *     GOARCH; the message names the value and lists the known ones
     */
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        if (!KNOWN_OS.contains(os)) {
            throw new IllegalArgumentException("unknown GOOS \"" + os + "\" (known: " + sorted(KNOWN_OS) + ")");
        }
        if (!KNOWN_ARCH.contains(arch)) {
            throw new IllegalArgumentException("unknown GOARCH \"" + arch + "\" (known: " + sorted(KNOWN_ARCH) + ")");
        }
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }

    /**
     * Returns the platform this JVM runs on, from the {@code os.name} and {@code os.arch} system properties.
     *
     * @return the platform
     * @throws IllegalArgumentException if the JVM reports an operating system or architecture Go has
     *     no name for
     */
    public static Platform current() {
        return fromJava(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * Maps Java's names for an operating system and architecture to Go's.
     *
     * @param osName a value of the {@code os.name} property, such as {@code Linux}, {@code Mac OS X}
     *     or {@code Windows 11}
     * @param osArch a value of the {@code os.arch} property, such as {@code amd64}, {@code aarch64} or {@code x86}
     * @return the platform
     * @throws IllegalArgumentException naming the value that has no Go equivalent
     */
    public static Platform fromJava(String osName, String osArch) {
        return new Platform(goos(osName), goarch(osArch));
    }

    private static String goos(String osName) {
        String n = osName.toLowerCase(Locale.ROOT).replace(" ", "");
        if (n.startsWith("windows")) {
            return "windows";
        }
        if (n.startsWith("macosx") || n.startsWith("macos") || n.equals("darwin")) {
            return "darwin";
        }
        switch (n) {
            case "linux":
                return "linux";
            case "freebsd":
                return "freebsd";
            case "openbsd":
                return "openbsd";
            case "netbsd":
                return "netbsd";
            case "dragonfly":
            case "dragonflybsd":
                return "dragonfly";
            case "sunos":
            case "solaris":
                return "solaris";
            case "aix":
                return "aix";
            case "z/os":
                return "zos";
            default:
                throw new IllegalArgumentException("operating system \"" + osName
                        + "\" (os.name) has no Go equivalent (known: Linux, Mac OS X, Windows *, FreeBSD, OpenBSD,"
                        + " NetBSD, DragonFly, SunOS, AIX, z/OS)");
        }
    }

    private static String goarch(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "x86_64":
            case "amd64":
            case "x64":
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
            case "armv6l":
            case "armv7l":
            case "armv7":
            case "armhf":
            case "aarch32":
                return "arm";
            case "ppc64le":
                return "ppc64le";
            case "ppc64":
                return "ppc64";
            case "s390x":
                return "s390x";
            case "riscv64":
                return "riscv64";
            case "loongarch64":
            case "loong64":
                return "loong64";
            case "mips64el":
                return "mips64le";
            case "mips64":
                return "mips64";
            case "mipsel":
                return "mipsle";
            case "mips":
                return "mips";
            default:
                throw new IllegalArgumentException("architecture \"" + osArch
                        + "\" (os.arch) has no Go equivalent (known: x86_64, amd64, aarch64, arm64, x86, i386-i686,"
                        + " arm, armv7l, aarch32, ppc64le, ppc64, s390x, riscv64, loongarch64, mips, mipsel,"
                        + " mips64, mips64el)");
        }
    }

    /**
     * Parses a platform written {@code GOOS-GOARCH} or {@code GOOS/GOARCH}.
     *
     * @param text such as {@code linux-amd64} or {@code darwin/arm64}
     * @return the platform
     * @throws InvalidConfigurationException if the text is not of that form or names an unknown GOOS or
     *     GOARCH; the message quotes it
     */
    public static Platform parse(String text) {
        Objects.requireNonNull(text, "text");
        int sep = text.indexOf('-') >= 0 ? text.indexOf('-') : text.indexOf('/');
        if (sep <= 0 || sep == text.length() - 1 || text.indexOf('-', sep + 1) >= 0 || text.indexOf('/', sep + 1) >= 0) {
            throw new InvalidConfigurationException("not a platform: \"" + text
                    + "\" (expected GOOS-GOARCH or GOOS/GOARCH, like linux-amd64 or darwin/arm64)",
                    List.of("write the platform as GOOS-GOARCH, like linux-amd64"));
        }
        try {
            return new Platform(text.substring(0, sep), text.substring(sep + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("not a platform: \"" + text + "\": " + e.getMessage(),
                    List.of("see `go tool dist list` for the GOOS/GOARCH pairs Go knows"), e);
        }
    }

    /**
     * Tells whether this is Windows.
     *
     * @return true when {@link #os()} is {@code windows}
     */
    public boolean isWindows() {
        return os.equals("windows");
    }

    /**
     * Returns the archive format go.dev publishes for this platform.
     *
     * @return {@link ArchiveKind#ZIP} on Windows, {@link ArchiveKind#TAR_GZ} elsewhere
     */
    public ArchiveKind archiveKind() {
        return isWindows() ? ArchiveKind.ZIP : ArchiveKind.TAR_GZ;
    }

    /**
     * Returns the architecture as written in go.dev's file names and in the index's {@code arch} field.
     *
     * @return {@code armv6l} for {@code arm} (go.dev builds 32-bit ARM for ARMv6, which ARMv7 runs too);
     *     {@link #arch()} for everything else
     */
    public String archiveArch() {
        return arch.equals("arm") ? "armv6l" : arch;
    }

    /**
     * Returns the name of the official archive of a release for this platform.
     *
     * @param version a release, not a language version
     * @return such as {@code go1.22.5.linux-amd64.tar.gz}, {@code go1.22.5.windows-amd64.zip} or
     *     {@code go1.22.5.linux-armv6l.tar.gz}
     * @throws IllegalArgumentException if {@code version} is a language version such as {@code go1.22},
     *     for which nothing is published
     */
    public String archiveFileName(GoVersion version) {
        if (version.isLanguageVersion()) {
            throw new IllegalArgumentException(version + " is a language version, not a release: no archive is"
                    + " published for it (ask for a release such as " + version + ".0)");
        }
        return version + "." + os + "-" + archiveArch() + archiveKind().extension();
    }

    /**
     * Returns the suffix of executable file names on this platform.
     *
     * @return {@code ".exe"} on Windows, {@code ""} elsewhere
     */
    public String exeSuffix() {
        return isWindows() ? ".exe" : "";
    }

    /**
     * Returns the platform as {@code GOOS-GOARCH}.
     *
     * @return such as {@code linux-amd64}; {@link #parse(String)} accepts it
     */
    @Override
    public String toString() {
        return os + "-" + arch;
    }
}
