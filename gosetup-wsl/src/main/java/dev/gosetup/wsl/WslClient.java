package dev.gosetup.wsl;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to WSL from Windows through {@code wsl.exe}: lists the distributions, runs a command in one
 * (an argument list, {@code --exec}, no shell), and installs Go into one by running gosetup's own
 * Linux install there. Everything goes through a {@link WslExe}, so tests feed recorded outputs.
 * Thread-safe when its {@link WslExe} is.
 */
public final class WslClient {
    private static final Pattern ROW = Pattern.compile("([* ])\\s*(\\S+)\\s+(.+?)\\s+([12])\\s*");
    private static final Pattern DISTRO = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}\\$?");
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final WslExe wsl;
    private final Optional<DistroRegistry> registry;

    /**
     * Creates a client.
     *
     * @param wsl how {@code wsl.exe} runs
     * @param registry where distribution names are read when {@code wsl.exe}'s list cannot be; empty for none
     */
    public WslClient(WslExe wsl, Optional<DistroRegistry> registry) {
        this.wsl = Objects.requireNonNull(wsl, "wsl");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Lists the distributions with {@code wsl.exe --list --verbose}.
     *
     * <p>The output is read as UTF-16LE (what {@code wsl.exe} writes by default, with or without a
     * byte order mark) or UTF-8 ({@code WSL_UTF8=1}); the header line is skipped in any language;
     * each row is marker ({@code *} for the default), name, state (possibly translated, possibly
     * several words) and version. When no row can be read but the registry is given, its entries are
     * returned (state unknown).
     *
     * @return the distributions; empty when none is installed and there is no registry
     * @throws GoSetupException with {@code wsl.exe}'s message (escaped) when it fails
     */
    public List<WslDistro> distributions() {
        WslExe.Result r = wsl.run(List.of("--list", "--verbose"), Map.of(), LIST_TIMEOUT);
        String text = decode(r.stdout());
        List<WslDistro> rows = parseList(text);
        if (r.exitCode() != 0 && rows.isEmpty()) {
            String message = (text + " " + decode(r.stderr())).strip().replaceAll("\\s+", " ");
            throw new GoSetupException("wsl.exe --list --verbose failed (exit " + r.exitCode() + "): "
                    + Text.escape(message), List.of("install a distribution: wsl.exe --install Ubuntu",
                            "or check that WSL is installed: wsl.exe --status"));
        }
        if (rows.isEmpty() && registry.isPresent()) {
            return registry.get().distributions().stream()
                    .map(e -> new WslDistro(e.name(), "unknown", false, e.version() == 1 ? 1 : 2, e.isDefault())).toList();
        }
        return rows;
    }

    /**
     * Reads the rows of {@code wsl.exe --list --verbose} output; other lines (the header in any
     * language, messages) are left out.
     *
     * @param text the decoded output
     * @return the distributions
     */
    static List<WslDistro> parseList(String text) {
        List<WslDistro> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            Matcher m = ROW.matcher(line.replace("\0", ""));
            if (m.matches() && DISTRO.matcher(m.group(2)).matches()) {
                String state = m.group(3).strip();
                out.add(new WslDistro(m.group(2), state, state.equalsIgnoreCase("Running"),
                        Integer.parseInt(m.group(4)), m.group(1).equals("*")));
            }
        }
        return out;
    }

    /**
     * Decodes what {@code wsl.exe} itself writes: UTF-16LE with or without its byte order mark, or
     * UTF-8 (with {@code WSL_UTF8=1}, or from a command in a distribution).
     *
     * @param bytes the output
     * @return the text
     */
    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        int pairs = bytes.length / 2;
        int zeroHigh = 0;
        for (int i = 1; i < bytes.length; i += 2) {
            if (bytes[i] == 0) {
                zeroHigh++;
            }
        }
        // Text in UTF-16LE has a zero high byte for every ASCII character; UTF-8 text has none.
        return pairs > 0 && zeroHigh * 2 >= pairs ? new String(bytes, 0, pairs * 2, StandardCharsets.UTF_16LE)
                : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * What a command run in a distribution did.
     *
     * @param arguments the arguments {@code wsl.exe} was given
     * @param exitCode the command's exit status ({@code -1} when it timed out)
     * @param stdout its standard output, as UTF-8
     * @param stderr its standard error, as UTF-8
     * @param timedOut whether it was stopped at the timeout
     */
    public record CommandResult(List<String> arguments, int exitCode, String stdout, String stderr, boolean timedOut) {
        /** Copies the arguments. */
        public CommandResult {
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        /**
         * Tells whether the command ran to the end and exited with 0.
         *
         * @return true on success
         */
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /**
     * Returns the {@code wsl.exe} arguments that run a command in a distribution as a user, with
     * {@code --exec}: the command is executed directly, no shell reads it, so no argument is
     * expanded or split.
     *
     * @param distro the distribution's name
     * @param user the Linux user; empty for the distribution's default user
     * @param command the program and its arguments
     * @return the arguments
     * @throws InvalidConfigurationException naming the input when the distribution or user name is
     *     not one WSL accepts, the command is empty, or an argument holds a double quote or NUL
     *     (Windows command lines cannot pass those through {@code wsl.exe} intact)
     */
    public static List<String> execArguments(String distro, Optional<String> user, List<String> command) {
        if (!DISTRO.matcher(distro).matches()) {
            throw new InvalidConfigurationException("\"" + Text.escape(distro) + "\" is not a WSL distribution name",
                    List.of("use a name `wsl.exe --list` shows"));
        }
        if (user.isPresent() && !USER.matcher(user.get()).matches()) {
            throw new InvalidConfigurationException("\"" + Text.escape(user.get()) + "\" is not a Linux user name",
                    List.of("give a user of the distribution, e.g. root"));
        }
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new InvalidConfigurationException("no command to run in " + distro, List.of("give the program to run"));
        }
        for (String arg : command) {
            if (arg.indexOf('"') >= 0 || arg.indexOf('\0') >= 0) {
                throw new InvalidConfigurationException("the argument \"" + Text.escape(arg) + "\" holds a double "
                        + "quote or NUL, which a Windows command line does not pass to wsl.exe intact",
                        List.of("pass the value in a file or an environment variable (WSLENV) instead"));
            }
        }
        List<String> args = new ArrayList<>(List.of("-d", distro));
        user.ifPresent(u -> args.addAll(List.of("-u", u)));
        args.add("--exec");
        args.addAll(command);
        return args;
    }

    /**
     * Runs a command in a distribution and waits for it.
     *
     * @param distro the distribution's name
     * @param user the Linux user; empty for the default user
     * @param command the program and its arguments
     * @param timeout the longest it may run
     * @return what it did
     * @throws InvalidConfigurationException as {@link #execArguments} does, before anything runs
     */
    public CommandResult run(String distro, Optional<String> user, List<String> command, Duration timeout) {
        List<String> args = execArguments(distro, user, command);
        WslExe.Result r = wsl.run(args, Map.of(), timeout);
        return new CommandResult(args, r.exitCode(), new String(r.stdout(), StandardCharsets.UTF_8),
                new String(r.stderr(), StandardCharsets.UTF_8), r.timedOut());
    }

    /**
     * What installing Go into a distribution did.
     *
     * @param distro the distribution
     * @param goroot the GOROOT inside the distribution
     * @param goVersion what {@code go version} printed there
     * @param commands every {@code wsl.exe} argument list that ran, in order
     */
    public record GoInstall(String distro, String goroot, String goVersion, List<List<String>> commands) {
        /** Copies the commands. */
        public GoInstall {
            commands = commands.stream().map(List::copyOf).toList();
        }
    }

    /**
     * Returns the commands that install Go into a distribution: check that Java runs there, run
     * gosetup's Linux install from its jar (read from the Windows drive through the distribution's
     * mount; the archive is downloaded and verified against the release index's SHA-256 inside the
     * distribution, before it is used; nothing is piped into a shell), then {@code go version}
     * (its GOROOT is the last line the install prints, filled in by {@link #installGo}).
     *
     * @param distro the distribution
     * @param user the Linux user who gets Go; empty for the default user
     * @param windowsJar the gosetup jar's Windows path, e.g. {@code C:\Tools\gosetup.jar}
     * @param paths how the distribution sees Windows paths (its automount root)
     * @param spec the version spec, e.g. {@code 1.22}
     * @return the {@code wsl.exe} argument lists: Java check, install
     * @throws InvalidConfigurationException naming the input when it is not usable
     */
    public static List<List<String>> planGoInstall(String distro, Optional<String> user, String windowsJar,
            WslPaths paths, String spec) {
        if (!spec.matches("[0-9A-Za-z.+-]+")) {
            throw new InvalidConfigurationException("\"" + Text.escape(spec) + "\" is not a Go version spec",
                    List.of("write e.g. 1.22, 1.22.5 or latest"));
        }
        String jar = paths.toLinux(windowsJar);
        return List.of(execArguments(distro, user, List.of("java", "-version")),
                execArguments(distro, user, List.of("java", "-jar", jar, "install", "--quiet", spec)));
    }

    /**
     * Installs Go into a distribution by running the commands of {@link #planGoInstall}, then
     * {@code <GOROOT>/bin/go version} inside it.
     *
     * @param distro the distribution
     * @param user the Linux user who gets Go; empty for the default user
     * @param windowsJar the gosetup jar's Windows path
     * @param paths how the distribution sees Windows paths
     * @param spec the version spec
     * @param timeout the longest the install may take
     * @return the GOROOT and {@code go version} from inside the distribution
     * @throws GoSetupException naming the step when one fails (no Java: the command that installs it)
     */
    public GoInstall installGo(String distro, Optional<String> user, String windowsJar, WslPaths paths, String spec,
            Duration timeout) {
        List<List<String>> plan = planGoInstall(distro, user, windowsJar, paths, spec);
        List<List<String>> ran = new ArrayList<>();
        WslExe.Result java = wsl.run(plan.get(0), Map.of(), Duration.ofSeconds(60));
        ran.add(plan.get(0));
        if (java.timedOut() || java.exitCode() != 0) {
            throw new GoSetupException("Java does not run in " + distro + " (exit " + java.exitCode() + "): "
                    + Text.escape(decode(java.stderr()).strip()), List.of("install it there: wsl.exe -d " + distro
                    + " -u root --exec apt-get install -y openjdk-17-jre-headless"));
        }
        WslExe.Result install = wsl.run(plan.get(1), Map.of(), timeout);
        ran.add(plan.get(1));
        String out = new String(install.stdout(), StandardCharsets.UTF_8);
        List<String> lines = out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (install.timedOut() || install.exitCode() != 0 || lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("/")) {
            throw new GoSetupException("gosetup install " + spec + " failed in " + distro + " (exit " + install.exitCode()
                    + (install.timedOut() ? ", timed out" : "") + "): "
                    + Text.escape(new String(install.stderr(), StandardCharsets.UTF_8).strip()),
                    List.of("run it there to see why: wsl.exe " + String.join(" ", plan.get(1))));
        }
        String goroot = lines.get(lines.size() - 1);
        List<String> version = execArguments(distro, user, List.of(goroot + "/bin/go", "version"));
        WslExe.Result go = wsl.run(version, Map.of(), Duration.ofSeconds(60));
        ran.add(version);
        String printed = new String(go.stdout(), StandardCharsets.UTF_8).strip();
        if (go.exitCode() != 0 || !printed.startsWith("go version ")) {
            throw new GoSetupException("the Go installed in " + distro + " at " + Text.escape(goroot)
                    + " does not run: " + Text.escape(printed + " " + new String(go.stderr(), StandardCharsets.UTF_8)),
                    List.of("run: wsl.exe " + String.join(" ", version)));
        }
        return new GoInstall(distro, goroot, printed, ran);
    }
}
