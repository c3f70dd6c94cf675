package dev.gosetup.wsl.windows;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.Platform;
import dev.gosetup.core.doctor.checks.BuiltInCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code windows-go-path} (Windows only): which {@code go.exe} a new terminal runs, read from the
 * registry's PATHs the way Windows builds a process's PATH: the machine PATH
 * ({@code HKLM\...\Session Manager\Environment}) first, then the user's ({@code HKCU\Environment}),
 * each {@code %VAR%} expanded. Finds an MSI install ({@code HKLM\SOFTWARE\Go} or
 * {@code HKCU\Software\GoProgrammingLanguage} {@code installLocation}, or
 * {@code %ProgramFiles%\Go}) and the real causes of {@code 'go' is not recognized}.
 *
 * <ul>
 *   <li>FAIL when a go on the machine PATH shadows another on the user PATH (gosetup's): the
 *       machine PATH comes first, so the user's go never runs. The fix: uninstall the MSI, or put
 *       gosetup's directory on the machine PATH ({@code gosetup env apply --machine}, elevated).
 *   <li>FAIL when neither PATH has a go: not installed, or never put on PATH.
 *   <li>WARN when the registry PATH has a go but this terminal's PATH does not: it was opened before
 *       the change; a new terminal sees it.
 *   <li>PASS otherwise, naming the go that runs.
 * </ul>
 */
public final class WindowsGoPathCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "windows-go-path";
    static final List<String[]> MSI_KEYS = List.of(new String[] {"HKLM\\SOFTWARE\\Go", "installLocation"},
            new String[] {"HKCU\\Software\\GoProgrammingLanguage", "installLocation"});

    private final WindowsRegistry registry;
    private final Predicate<String> isFile;

    /** Creates the check on the real registry and file system; loads nothing until checked. */
    public WindowsGoPathCheck() {
        this(new JnaRegistry(), f -> Files.isRegularFile(Path.of(f)));
    }

    WindowsGoPathCheck(WindowsRegistry registry, Predicate<String> isFile) {
        super(ID, "go on the Windows PATH", "toolchain", List.of(), Set.of());
        this.registry = registry;
        this.isFile = isFile;
    }

    /** @return true on Windows only */
    @Override
    public boolean appliesTo(Platform host) {
        return host.isWindows();
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(context.environment());
        Optional<String> machineGo = firstGo(path(MachineRegistryStore.MACHINE_ENVIRONMENT), env);
        Optional<String> userGo = firstGo(path(WindowsRegistryStore.USER_ENVIRONMENT), env);
        Optional<String> msi = msiLocation(env);
        CheckResult result;
        if (machineGo.isPresent() && userGo.isPresent()
                && !WindowsPaths.sameDirectoryKey(machineGo.get(), env).equals(WindowsPaths.sameDirectoryKey(userGo.get(), env))) {
            boolean isMsi = msi.filter(m -> WindowsPaths.sameDirectoryKey(machineGo.get(), env)
                    .startsWith(WindowsPaths.sameDirectoryKey(m, env))).isPresent();
            result = CheckResult.fail("new terminals run " + machineGo.get() + "\\go.exe from the machine PATH"
                            + (isMsi ? " (the MSI install)" : "") + ", not " + userGo.get() + "\\go.exe from your user PATH:"
                            + " Windows puts the machine PATH first")
                    .withHint(isMsi ? "uninstall the MSI Go: Settings > Apps > Installed apps > Go Programming Language >"
                            + " Uninstall (or: winget uninstall --id GoLang.Go)"
                            : "remove " + machineGo.get() + " from the machine PATH (System Properties > Environment"
                                    + " Variables > System variables, elevated)")
                    .withHint("or put gosetup's directory first on the machine PATH from an elevated terminal:"
                            + " gosetup env apply --machine")
                    .withHint("then open a new terminal");
        } else if (machineGo.isEmpty() && userGo.isEmpty()) {
            result = CheckResult.fail("'go' is not recognized in new terminals: neither the machine nor the user PATH has"
                            + " a directory with go.exe" + msi.map(m -> " (an MSI install is registered at " + m
                            + ", but not on PATH)").orElse(""))
                    .withHint("install Go and put it on your PATH: gosetup install latest; gosetup env apply")
                    .withHint("then open a new terminal");
        } else {
            String runs = machineGo.or(() -> userGo).orElseThrow();
            boolean inThisTerminal = processPath(env).stream()
                    .anyMatch(e -> WindowsPaths.sameDirectoryKey(e, env).equals(WindowsPaths.sameDirectoryKey(runs, env)));
            result = inThisTerminal
                    ? CheckResult.pass("new terminals run " + runs + "\\go.exe (" + (machineGo.isPresent() ? "machine" : "user")
                            + " PATH)")
                    : CheckResult.warn("'go' may not be recognized in this terminal: " + runs + " is on the "
                            + (machineGo.isPresent() ? "machine" : "user") + " PATH in the registry but not on this"
                            + " terminal's PATH, which was read when it opened")
                            .withHint("open a new terminal (terminals opened before the change keep their old PATH)")
                            .withHint("or reload it in this one: $env:Path = [Environment]::GetEnvironmentVariable('Path',"
                                    + " 'Machine') + ';' + [Environment]::GetEnvironmentVariable('Path', 'User')");
        }
        result = result.withDetail("machine PATH go", machineGo.orElse("(none)"))
                .withDetail("user PATH go", userGo.orElse("(none)"));
        return result.withDetail("MSI install", msi.orElse("(none)"));
    }

    private List<String> path(String key) {
        return registry.valueNames(key).stream().filter("PATH"::equalsIgnoreCase).findFirst()
                .flatMap(n -> registry.read(key, n))
                .map(v -> Arrays.asList(v.data().split(";", -1))).orElse(List.of());
    }

    private Optional<String> firstGo(List<String> entries, Map<String, String> env) {
        for (String e : entries) {
            String dir = WindowsPaths.expand(e.strip(), env);
            if (!dir.isEmpty() && isFile.test(stripSlash(dir) + "\\go.exe")) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private Optional<String> msiLocation(Map<String, String> env) {
        for (String[] kn : MSI_KEYS) {
            Optional<String> loc = registry.read(kn[0], kn[1]).map(v -> WindowsPaths.expand(v.data(), env))
                    .filter(s -> !s.isBlank());
            if (loc.isPresent()) {
                return loc.map(WindowsGoPathCheck::stripSlash);
            }
        }
        String programFiles = env.getOrDefault("ProgramFiles", "C:\\Program Files");
        String standard = programFiles + "\\Go";
        return isFile.test(standard + "\\bin\\go.exe") ? Optional.of(standard) : Optional.empty();
    }

    private static List<String> processPath(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        List<String> out = new ArrayList<>();
        for (String e : path.split(";")) {
            if (!e.isBlank()) {
                out.add(e);
            }
        }
        return out;
    }

    private static String stripSlash(String s) {
        String t = s;
        while (t.endsWith("\\") || t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
