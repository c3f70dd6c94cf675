package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Translates paths between Windows and a WSL distribution, both ways, without touching any file
 * system: {@code C:\Users\me\src} is {@code /mnt/c/Users/me/src} (under the distribution's
 * automount root), and a path inside the distribution is {@code \\wsl.localhost\<distro>\...}
 * from Windows ({@code \\wsl$\<distro>\...} is read too).
 *
 * <p>Accepted Windows forms: {@code C:\x}, {@code C:/x}, {@code c:\x} (the drive letter is
 * lower-cased on the Linux side, upper-cased on the Windows side), {@code \\?\C:\x} long paths,
 * {@code \\wsl.localhost\Distro\x} and {@code \\wsl$\Distro\x}. Refused with a
 * {@link InvalidConfigurationException} naming the path: drive-relative {@code C:foo}, relative
 * paths, UNC shares ({@code \\server\share}: there is no fixed mapping, they must be mounted),
 * device paths ({@code \\.\}), a path in another distribution than the one asked for, and Linux
 * paths outside the drives when no distribution is named. {@code .} and {@code ..} are resolved
 * lexically; going above a root is refused. Spaces and any Unicode pass unchanged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param automountRoot where WSL mounts the drives ({@code [automount] root}), absolute, ending in
 *     {@code /}; {@code /mnt/} by default
 * @param distro the distribution Linux paths belong to, for {@code \\wsl.localhost} paths; empty
 *     when unknown (then only paths on the drives translate to Windows)
 */
public record WslPaths(String automountRoot, Optional<String> distro) {
    /** WSL's default automount root. */
    public static final String DEFAULT_ROOT = "/mnt/";
    private static final Pattern DISTRO_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DRIVE_ABSOLUTE = Pattern.compile("([A-Za-z]):(\\\\.*)?");
    private static final Pattern DRIVE_RELATIVE = Pattern.compile("[A-Za-z]:[^\\\\].*");

    /**
     * Validates the components and normalises the root to end in one {@code /}.
     *
     * @throws InvalidConfigurationException when the root is not absolute or the distribution name
     *     is not one WSL accepts (letters, digits, {@code . _ -})
     */
    public WslPaths {
        Objects.requireNonNull(automountRoot, "automountRoot");
        Objects.requireNonNull(distro, "distro");
        if (!automountRoot.startsWith("/")) {
            throw new InvalidConfigurationException("the automount root \"" + Text.escape(automountRoot)
                    + "\" is not an absolute Linux path", List.of("write it as in wsl.conf, e.g. root = /mnt/"));
        }
        automountRoot = String.join("/", normalize(automountRoot.substring(1).split("/", -1), automountRoot))
                .transform(s -> s.isEmpty() ? "/" : "/" + s + "/");
        if (distro.isPresent() && !DISTRO_NAME.matcher(distro.get()).matches()) {
            throw new InvalidConfigurationException("\"" + Text.escape(distro.get()) + "\" is not a WSL distribution name",
                    List.of("use a name `wsl.exe --list` shows (letters, digits, '.', '_', '-')"));
        }
    }

    /**
     * Returns the mapping WSL uses by default: drives under {@code /mnt/}, no distribution named.
     *
     * @return the mapping
     */
    public static WslPaths defaults() {
        return new WslPaths(DEFAULT_ROOT, Optional.empty());
    }

    /**
     * Returns a copy for paths inside the given distribution.
     *
     * @param name the distribution's name, as {@code wsl.exe --list} shows it
     * @return the modified mapping
     */
    public WslPaths inDistro(String name) {
        return new WslPaths(automountRoot, Optional.of(name));
    }

    /**
     * Translates a Windows path to the path the distribution sees.
     *
     * @param windowsPath an absolute Windows path
     * @return the absolute Linux path
     * @throws InvalidConfigurationException naming the path when it has no translation
     */
    public String toLinux(String windowsPath) {
        Objects.requireNonNull(windowsPath, "windowsPath");
        String p = windowsPath.replace('/', '\\');
        if (p.startsWith("\\\\?\\UNC\\")) {
            throw uncShare(windowsPath);
        }
        if (p.startsWith("\\\\?\\") || p.startsWith("\\??\\")) {
            p = p.substring(4);
        } else if (p.startsWith("\\\\.\\")) {
            throw refused(windowsPath, "is a device path, not a file on a drive",
                    "give the path of a file or directory, e.g. C:\\Users\\me\\src");
        }
        if (p.startsWith("\\\\")) {
            String[] parts = p.substring(2).split("\\\\", -1);
            String host = parts[0].toLowerCase(Locale.ROOT);
            if (host.equals("wsl.localhost") || host.equals("wsl$")) {
                if (parts.length < 2 || parts[1].isEmpty()) {
                    throw refused(windowsPath, "names no distribution after \\\\" + parts[0] + "\\",
                            "write \\\\wsl.localhost\\<distro>\\<path>, e.g. \\\\wsl.localhost\\Ubuntu\\home\\me");
                }
                String name = parts[1];
                if (distro.isPresent() && !distro.get().equalsIgnoreCase(name)) {
                    throw refused(windowsPath, "is inside the distribution \"" + Text.escape(name)
                            + "\", not \"" + distro.get() + "\"", "use --distro " + Text.escape(name)
                            + ", or a path of \"" + distro.get() + "\"");
                }
                List<String> rest = normalize(slice(parts, 2), windowsPath);
                return "/" + String.join("/", rest);
            }
            throw uncShare(windowsPath);
        }
        if (DRIVE_RELATIVE.matcher(p).matches()) {
            throw refused(windowsPath, "is relative to the current directory of drive " + p.charAt(0) + ":",
                    "write it in full, e.g. " + Character.toUpperCase(p.charAt(0)) + ":\\" + p.substring(2));
        }
        if (!DRIVE_ABSOLUTE.matcher(p).matches()) {
            throw refused(windowsPath, "is not an absolute Windows path",
                    "write it with its drive, e.g. C:\\Users\\me\\src, or as \\\\wsl.localhost\\<distro>\\<path>");
        }
        String drive = String.valueOf(Character.toLowerCase(p.charAt(0)));
        String tail = p.length() > 3 ? p.substring(3) : "";
        List<String> rest = normalize(tail.isEmpty() ? new String[0] : tail.split("\\\\", -1), windowsPath);
        return automountRoot + drive + (rest.isEmpty() ? "" : "/" + String.join("/", rest));
    }

    /**
     * Translates a path of the distribution to the path Windows sees: a drive path for what lies on
     * an automounted drive, else a {@code \\wsl.localhost\<distro>\...} path.
     *
     * @param linuxPath an absolute Linux path
     * @return the Windows path
     * @throws InvalidConfigurationException naming the path when it is relative, has a name Windows
     *     cannot show, or lies outside the drives while no distribution is named
     */
    public String toWindows(String linuxPath) {
        Objects.requireNonNull(linuxPath, "linuxPath");
        if (!linuxPath.startsWith("/")) {
            throw refused(linuxPath, "is not an absolute Linux path", "write it from /, e.g. /home/me/src");
        }
        List<String> parts = normalize(linuxPath.substring(1).split("/", -1), linuxPath);
        for (String part : parts) {
            if (part.indexOf('\\') >= 0) {
                throw refused(linuxPath, "has a name with a backslash, which Windows reads as a separator",
                        "rename \"" + Text.escape(part) + "\" or use the Linux path");
            }
        }
        List<String> root = automountRoot.equals("/") ? List.of() : List.of(automountRoot.substring(1,
                automountRoot.length() - 1).split("/"));
        if (parts.size() > root.size() && parts.subList(0, root.size()).equals(root)) {
            String drive = parts.get(root.size());
            if (drive.length() == 1 && Character.isLetter(drive.charAt(0)) && drive.charAt(0) < 128) {
                List<String> rest = parts.subList(root.size() + 1, parts.size());
                return drive.toUpperCase(Locale.ROOT) + ":\\" + String.join("\\", rest);
            }
        }
        if (distro.isEmpty()) {
            throw refused(linuxPath, "is inside a distribution, and no distribution is named",
                    "name it (--distro Ubuntu); inside WSL it is $WSL_DISTRO_NAME");
        }
        return "\\\\wsl.localhost\\" + distro.get() + (parts.isEmpty() ? "\\" : "\\" + String.join("\\", parts));
    }

    private static String[] slice(String[] parts, int from) {
        String[] out = new String[Math.max(0, parts.length - from)];
        System.arraycopy(parts, from, out, 0, out.length);
        return out;
    }

    private static List<String> normalize(String[] parts, String original) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    throw refused(original, "goes above its root with ..", "write the path without ..");
                }
                out.remove(out.size() - 1);
                continue;
            }
            out.add(part);
        }
        return out;
    }

    private static InvalidConfigurationException uncShare(String path) {
        return refused(path, "is a network share; WSL mounts no share by itself, so it has no Linux path",
                "mount it in the distribution first: sudo mkdir -p /mnt/share && sudo mount -t drvfs '"
                        + Text.escape(path) + "' /mnt/share");
    }

    private static InvalidConfigurationException refused(String path, String why, String fix) {
        return new InvalidConfigurationException("the path \"" + Text.escape(path) + "\" " + why, List.of(fix));
    }
}
