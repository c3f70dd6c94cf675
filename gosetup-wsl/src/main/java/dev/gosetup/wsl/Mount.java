package dev.gosetup.wsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code /proc/self/mountinfo}: where a file system is mounted, its type, source and
 * options. {@link #isWindowsDrive()} tells the mounts WSL makes of Windows drives: type
 * {@code drvfs} (WSL 1, and WSL 2's {@code mount -t drvfs}), {@code 9p} with {@code aname=drvfs}
 * (WSL 2's Plan 9 share of a drive), or {@code virtiofs} of a drive (WSL 2's virtiofs mode).
 * {@code /usr/lib/wsl/drivers} ({@code aname=drivers}) and {@code /mnt/wsl} (tmpfs) are not drives.
 *
 * @param mountPoint where it is mounted, unescaped ({@code \040} is a space)
 * @param fsType the file system type, e.g. {@code 9p}, {@code drvfs}, {@code ext4}
 * @param source the mount source, unescaped, e.g. {@code C:\}
 * @param options the per-mount and the super-block options, split at {@code ,} and {@code ;}
 */
public record Mount(String mountPoint, String fsType, String source, List<String> options) {

    /** Validates and copies the components. */
    public Mount {
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(fsType, "fsType");
        Objects.requireNonNull(source, "source");
        options = List.copyOf(options);
    }

    /**
     * Tells whether this is a Windows drive mounted into the distribution.
     *
     * @return true for drvfs, 9p with {@code aname=drvfs}, or virtiofs of a drive
     */
    public boolean isWindowsDrive() {
        return switch (fsType) {
            case "drvfs" -> true;
            case "9p" -> option("aname").filter(a -> a.equals("drvfs")).isPresent();
            case "virtiofs" -> source.matches("(?i)[a-z]:.*|drvfs.*");
            default -> false;
        };
    }

    /**
     * Tells whether Linux permissions and owners are stored on this Windows drive ({@code metadata}):
     * without it, a file's mode comes from the mount's {@code umask}/{@code fmask}/{@code dmask}
     * and {@code chmod} changes nothing.
     *
     * @return true when the option {@code metadata} is set
     */
    public boolean hasMetadata() {
        return options.contains("metadata");
    }

    /**
     * Returns the Windows path this mount shows: the {@code path=} option of a 9p drive share, else
     * the source when it looks like a drive.
     *
     * @return e.g. {@code C:\}; empty when neither says
     */
    public Optional<String> windowsPath() {
        return option("path").or(() -> source.matches("(?i)[a-z]:.*") ? Optional.of(source) : Optional.empty());
    }

    /**
     * Returns the value of an option {@code name=value}.
     *
     * @param name the option's name
     * @return its value, the first one given; empty when not set
     */
    public Optional<String> option(String name) {
        String prefix = name + "=";
        return options.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length())).findFirst();
    }

    /**
     * Reads {@code /proc/self/mountinfo} (format of proc(5)): {@code ID PARENT MAJ:MIN ROOT
     * MOUNT-POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER-OPTIONS}. Lines that do not have this
     * shape are skipped.
     *
     * @param text the file's content
     * @return the mounts, in the file's order (a later mount on the same point hides an earlier one)
     */
    public static List<Mount> parseMountInfo(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 10 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            List<String> options = new ArrayList<>(splitOptions(f[5]));
            if (dash + 3 < f.length) {
                options.addAll(splitOptions(f[dash + 3]));
            }
            mounts.add(new Mount(unescape(f[4]), f[dash + 1], unescape(f[dash + 2]), options));
        }
        return mounts;
    }

    /**
     * Finds the mount a path lies on: the one with the longest mount point containing it, the last
     * such line when several share a mount point.
     *
     * @param mounts the mounts, as {@link #parseMountInfo} returns them
     * @param absolutePath an absolute, normalised Linux path
     * @return the mount; empty when no mount contains it (not even {@code /})
     */
    public static Optional<Mount> containing(List<Mount> mounts, String absolutePath) {
        Mount best = null;
        for (Mount m : mounts) {
            String mp = m.mountPoint();
            boolean contains = mp.equals("/") || absolutePath.equals(mp) || absolutePath.startsWith(mp + "/");
            if (contains && (best == null || mp.length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<String> splitOptions(String field) {
        List<String> out = new ArrayList<>();
        for (String o : field.split("[,;]")) {
            if (!o.isEmpty()) {
                out.add(unescape(o));
            }
        }
        return out;
    }

    /** Undoes the octal escapes the kernel writes for space, tab, newline and backslash. */
    static String unescape(String field) {
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return Text.escape(source) + " on " + Text.escape(mountPoint) + " type " + fsType.toLowerCase(Locale.ROOT);
    }
}
