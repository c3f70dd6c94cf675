package dev.gosetup.wsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Linux system knows about running inside WSL, read from files under a root directory and
 * from an environment given in (so tests and embedders point it at any root):
 * {@code /proc/sys/kernel/osrelease} (WSL 1 kernels say {@code 4.4.0-19041-Microsoft}, WSL 2's
 * {@code 5.15.153.1-microsoft-standard-WSL2}), {@code /proc/version}, {@code /proc/self/mountinfo},
 * {@code /proc/sys/fs/binfmt_misc/WSLInterop}, {@code /etc/wsl.conf}, and the variables
 * {@code WSL_DISTRO_NAME} and {@code WSL_INTEROP}.
 *
 * @param version WSL 1, WSL 2, or not WSL
 * @param kernelRelease the kernel release, empty text when unreadable
 * @param distro the distribution's name ({@code WSL_DISTRO_NAME}); empty when not set
 * @param interopSocket the interop socket ({@code WSL_INTEROP}, WSL 2 only); empty when not set
 * @param interopRegistered whether Windows programs can run ({@code WSLInterop} binfmt handler enabled)
 * @param mounts every mount of {@code /proc/self/mountinfo}, in its order
 * @param wslConf what {@code /etc/wsl.conf} sets, keyed {@code section.key} in lower case; empty
 *     when the file is missing
 * @param root the root directory the files were read under ({@code /} on a real system)
 */
public record WslInfo(WslVersion version, String kernelRelease, Optional<String> distro, Optional<String> interopSocket,
        boolean interopRegistered, List<Mount> mounts, Map<String, String> wslConf, Path root) {

    /** WSL or not, and which. */
    public enum WslVersion {
        /** Not inside WSL. */
        NONE,
        /** WSL 1: Linux system calls translated by the Windows kernel; drives are drvfs. */
        WSL1,
        /** WSL 2: a real Linux kernel in a light VM; drives are 9p (or virtiofs) shares. */
        WSL2
    }

    /** Validates and copies the components. */
    public WslInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kernelRelease, "kernelRelease");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(interopSocket, "interopSocket");
        mounts = List.copyOf(mounts);
        wslConf = Map.copyOf(wslConf);
        Objects.requireNonNull(root, "root");
    }

    /**
     * Detects WSL from the files under a root and an environment. Reads only; a missing or
     * unreadable file counts as absent.
     *
     * @param root the root directory, {@code /} on a real system
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @return what was found
     */
    public static WslInfo detect(Path root, Map<String, String> environment) {
        String release = read(root, "proc/sys/kernel/osrelease").map(String::strip).orElse("");
        String procVersion = read(root, "proc/version").orElse("");
        Optional<String> binfmt = read(root, "proc/sys/fs/binfmt_misc/WSLInterop");
        Optional<String> distro = Optional.ofNullable(environment.get("WSL_DISTRO_NAME")).filter(s -> !s.isBlank());
        Optional<String> interop = Optional.ofNullable(environment.get("WSL_INTEROP")).filter(s -> !s.isBlank());
        String kernel = (release + " " + procVersion).toLowerCase(Locale.ROOT);
        WslVersion version;
        if (kernel.contains("microsoft-standard") || kernel.contains("-wsl2")) {
            version = WslVersion.WSL2;
        } else if (release.contains("Microsoft") || procVersion.contains("Microsoft@Microsoft.com")) {
            version = WslVersion.WSL1;
        } else if (binfmt.isPresent() || interop.isPresent()) {
            // A custom kernel (.wslconfig kernel=) need not say Microsoft; the interop handler and
            // socket exist only in WSL 2 distributions.
            version = WslVersion.WSL2;
        } else {
            version = WslVersion.NONE;
        }
        List<Mount> mounts = read(root, "proc/self/mountinfo").map(Mount::parseMountInfo).orElse(List.of());
        Map<String, String> conf = new LinkedHashMap<>();
        readBytes(root.resolve("etc/wsl.conf")).ifPresent(bytes -> IniDocument.parse(bytes).entries()
                .forEach(e -> conf.put((e.section() + "." + e.key()).toLowerCase(Locale.ROOT), e.value())));
        boolean registered = binfmt.map(b -> b.lines().findFirst().orElse("").strip().equals("enabled")).orElse(false);
        return new WslInfo(version, release, distro, interop, registered, mounts, conf, root);
    }

    /**
     * Tells whether this is WSL at all.
     *
     * @return true for WSL 1 and WSL 2
     */
    public boolean isWsl() {
        return version != WslVersion.NONE;
    }

    /**
     * Returns the Windows drives mounted in the distribution.
     *
     * @return the mounts for which {@link Mount#isWindowsDrive()} holds, hidden ones left out
     */
    public List<Mount> windowsDrives() {
        return mounts.stream().filter(Mount::isWindowsDrive)
                .filter(m -> Mount.containing(mounts, m.mountPoint()).orElse(m) == m).toList();
    }

    /**
     * Returns a {@code wsl.conf} setting.
     *
     * @param section the section
     * @param key the key
     * @return the value, unquoted; empty when the file does not set it
     */
    public Optional<String> wslConf(String section, String key) {
        return Optional.ofNullable(wslConf.get((section + "." + key).toLowerCase(Locale.ROOT)));
    }

    /**
     * Returns whether a boolean {@code wsl.conf} setting is on, WSL's default when unset or not a boolean.
     *
     * @param section the section
     * @param key the key
     * @param fallback WSL's default
     * @return the value
     */
    public boolean wslConfFlag(String section, String key, boolean fallback) {
        return wslConf(section, key).map(v -> v.equalsIgnoreCase("true") ? Boolean.TRUE
                : v.equalsIgnoreCase("false") ? Boolean.FALSE : null).orElse(fallback);
    }

    /**
     * Returns the path translation of this distribution: its automount root and name.
     *
     * @return the mapping
     */
    public WslPaths paths() {
        String automount = wslConf("automount", "root").filter(r -> r.startsWith("/")).orElse(WslPaths.DEFAULT_ROOT);
        return new WslPaths(automount, distro);
    }

    /**
     * Finds the mount that holds a path of this system.
     *
     * @param path an absolute path as the distribution sees it
     * @return the mount; empty when mountinfo was unreadable
     */
    public Optional<Mount> mountOf(String path) {
        return Mount.containing(mounts, Path.of(path).normalize().toString());
    }

    static Optional<String> read(Path root, String relative) {
        return readBytes(root.resolve(relative)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    static Optional<byte[]> readBytes(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            System.getLogger(WslInfo.class.getName()).log(System.Logger.Level.DEBUG, "cannot read " + file, e);
            return Optional.empty();
        }
    }
}
