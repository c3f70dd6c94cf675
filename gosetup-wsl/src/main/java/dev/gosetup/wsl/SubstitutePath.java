package dev.gosetup.wsl;

import java.util.List;
import java.util.Objects;

/**
 * The {@code substitutePath} entries of a VS Code Go debug configuration ({@code launch.json}) for
 * debugging across the WSL boundary: Delve reports the paths a binary was built with, VS Code opens
 * the paths of its workspace, and each entry maps one to the other ({@code from}: VS Code's side,
 * {@code to}: the build's side). This produces the values; writing them into {@code launch.json}
 * is gosetup-vscode's JSONC editor's job.
 *
 * @param from the directory as VS Code sees it
 * @param to the same directory as the binary's debug information records it
 */
public record SubstitutePath(String from, String to) {
    /** Validates the components. */
    public SubstitutePath {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * Entries for VS Code running in WSL (Remote - WSL) debugging a binary built on Windows: each
     * Windows source root becomes its Linux path in {@code from} and stays a Windows path in {@code to}.
     *
     * @param paths the distribution's path translation
     * @param windowsRoots the source directories as the Windows build saw them, e.g. {@code C:\Users\me\src}
     * @return one entry per root
     */
    public static List<SubstitutePath> vscodeInWslBinaryFromWindows(WslPaths paths, List<String> windowsRoots) {
        return windowsRoots.stream().map(w -> new SubstitutePath(paths.toLinux(w), canonicalWindows(paths, w))).toList();
    }

    /**
     * Entries for VS Code on Windows debugging a binary built in WSL: each Linux source root becomes
     * its Windows path ({@code \\wsl.localhost\<distro>\...} or a drive) in {@code from} and stays a
     * Linux path in {@code to}.
     *
     * @param paths the distribution's path translation, with its name
     * @param linuxRoots the source directories as the Linux build saw them, e.g. {@code /home/me/src}
     * @return one entry per root
     */
    public static List<SubstitutePath> vscodeOnWindowsBinaryFromWsl(WslPaths paths, List<String> linuxRoots) {
        return linuxRoots.stream().map(l -> new SubstitutePath(paths.toWindows(l), paths.toLinux(paths.toWindows(l))))
                .toList();
    }

    /**
     * Renders entries as the JSON array {@code launch.json} takes.
     *
     * @param entries the entries
     * @return e.g. {@code [{"from": "/mnt/c/src", "to": "C:\\src"}]}
     */
    public static String toJson(List<SubstitutePath> entries) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"from\": ").append(json(entries.get(i).from()))
                    .append(", \"to\": ").append(json(entries.get(i).to())).append('}');
        }
        return sb.append(']').toString();
    }

    private static String canonicalWindows(WslPaths paths, String windows) {
        return paths.toWindows(paths.toLinux(windows));
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
