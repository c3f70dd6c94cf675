package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.NotFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gotoolchain-switch}: whether the module in the working directory makes the local go
 * switch to (and download) another toolchain, decided as cmd/go's {@code toolchain.Select} does:
 * {@code go.work} (or {@code $GOWORK}) before {@code go.mod}, found upwards from the context's
 * working directory; its {@code toolchain} line when newer than the minimum, then its {@code go}
 * line when newer still (a language version {@code 1.N} from 1.21 on means {@code go1.N.0});
 * {@code GOTOOLCHAIN} from the environment, else Go's env file, else {@code $GOROOT/go.env}.
 *
 * <p>WARN when go would download a toolchain (GOTOOLCHAIN {@code auto} or {@code VERSION+auto},
 * the toolchain not yet in the module cache), with the {@code gosetup install} command that
 * installs it instead; WARN when {@code GOTOOLCHAIN=local} (or a fixed version) is too old for the
 * module, so every go command fails; PASS when the local go serves the module; SKIP without a
 * module. Runs go only as {@code go env} with {@code GOTOOLCHAIN=local}, outside the module.
 */
public final class GoToolchainSwitchCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "gotoolchain-switch";

    /** Creates the check. */
    public GoToolchainSwitchCheck() {
        super(ID, "go.mod and GOTOOLCHAIN", "toolchain", List.of(GoFoundCheck.ID), Set.of());
    }

    /** A directive's value and where it is. */
    record Directive(String value, Path file, int line) {
        String where() {
            return file + ":" + line;
        }
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        GoSettings settings = GoSettings.of(context);
        Optional<Path> moduleFile = moduleFile(context, settings);
        if (moduleFile.isEmpty()) {
            return CheckResult.skip("no go.mod or go.work in " + context.workingDirectory() + " or above");
        }
        Path file = moduleFile.get();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return CheckResult.error("cannot read " + file + ": " + e.getMessage())
                    .withHint("check that " + file + " is readable");
        }
        Optional<Directive> goLine = lookup(lines, "go", file);
        Optional<Directive> toolchainLine = lookup(lines, "toolchain", file);

        ContextGo go;
        Map<String, String> env;
        try {
            go = ContextGo.locate(context);
            env = go.goEnv("GOVERSION", "GOROOT", "GOMODCACHE", "GOHOSTOS", "GOHOSTARCH");
        } catch (NotFoundException e) {
            return CheckResult.skip("there is no go to run: " + e.getMessage());
        } catch (GoSetupException e) {
            return CheckResult.error(e);
        }
        String local = env.getOrDefault("GOVERSION", "").strip().split("\\s+")[0];
        String setting = settings.fromEnvironment("GOTOOLCHAIN")
                .or(() -> Optional.ofNullable(settings.fileValues().get("GOTOOLCHAIN")))
                .orElseGet(() -> goEnvDefault(env.getOrDefault("GOROOT", "")));
        String source = settings.fromEnvironment("GOTOOLCHAIN").isPresent() ? "the environment"
                : settings.fileValues().containsKey("GOTOOLCHAIN") ? "Go's env file" : "go's default ($GOROOT/go.env)";

        // cmd/go/internal/toolchain/select.go, Select()
        String minToolchain = local;
        String minVers = local;
        String mode;
        if (setting.isEmpty()) {
            mode = "";
        } else if (setting.equals("auto") || setting.equals("path")) {
            mode = setting;
        } else {
            int plus = setting.indexOf('+');
            String min = plus < 0 ? setting : setting.substring(0, plus);
            mode = plus < 0 ? "" : setting.substring(plus + 1);
            if (!min.equals("local")) {
                if (!GoVersion.isValid(min)) {
                    return CheckResult.warn("GOTOOLCHAIN=" + setting + " (from " + source + ") is not valid: every go"
                            + " command fails").withHint("set it to auto, local, or a release such as go1.22.5+auto");
                }
                minToolchain = min;
                minVers = min;
            }
            if (plus >= 0 && !mode.equals("auto") && !mode.equals("path")) {
                return CheckResult.warn("GOTOOLCHAIN=" + setting + " (from " + source + ") is not valid: only +auto"
                        + " and +path may follow a version").withHint("set it to " + min + "+auto or " + min);
            }
        }
        String chosen = minToolchain;
        Optional<Directive> reason = Optional.empty();
        boolean fromModule = mode.equals("auto") || mode.equals("path");
        if (fromModule && !toolchainLine.map(Directive::value).orElse("").equals("default")) {
            if (toolchainLine.isPresent() && GoVersion.compare(toolchainLine.get().value(), minVers) > 0) {
                chosen = toolchainLine.get().value();
                minVers = chosen;
                reason = toolchainLine;
            }
            if (goLine.isPresent() && GoVersion.compare("go" + goLine.get().value(), minVers) > 0) {
                chosen = "go" + goLine.get().value();
                if (GoVersion.lang(chosen).filter(chosen::equals).isPresent() && GoVersion.compare(chosen, "go1.21") >= 0) {
                    chosen += ".0"; // "go 1.22" asks for go1.22.0, the first release of the language version
                }
                reason = goLine;
            }
        }
        String asks = goLine.map(d -> "go " + d.value()).orElse("no go line")
                + toolchainLine.map(d -> ", toolchain " + d.value()).orElse("");
        CheckResult base = CheckResult.pass(asks)
                .withDetail("module file", file)
                .withDetail("asks for", asks)
                .withDetail("local go", local + " (" + go.binary() + ")")
                .withDetail("GOTOOLCHAIN", (setting.isEmpty() ? "(unset)" : setting) + " from " + source);
        String install = "gosetup install " + installSpec(chosen);
        if (!chosen.equals(local)) {
            String platform = env.getOrDefault("GOHOSTOS", "") + "-" + env.getOrDefault("GOHOSTARCH", "");
            Path cached = Path.of(env.getOrDefault("GOMODCACHE", "/nonexistent"), "golang.org",
                    "toolchain@v0.0.1-" + chosen + "." + platform);
            String why = reason.map(d -> d.where() + " (" + asks + ")").orElse("GOTOOLCHAIN=" + setting);
            if (mode.equals("path")) {
                return base.withStatus(dev.gosetup.api.CheckStatus.WARN, why + " makes " + local + " look for "
                        + chosen + " on PATH")
                        .withHint("install it: " + install + ", and put " + chosen + " on PATH");
            }
            if (Files.isDirectory(cached)) {
                return base.withStatus(dev.gosetup.api.CheckStatus.PASS, why + " makes " + local + " switch to "
                        + chosen + ", already downloaded to " + cached);
            }
            return base.withStatus(dev.gosetup.api.CheckStatus.WARN, why + " makes " + local + " download " + chosen
                    + " through GOPROXY on its next command")
                    .withHint("install it instead: " + install + ", and put its bin directory first on PATH")
                    .withHint("or keep go from switching: go env -w GOTOOLCHAIN=local");
        }
        // No switch: go runs itself. Too old for the module, it refuses every command.
        Optional<Directive> tooNew = goLine.filter(d -> GoVersion.compare("go" + d.value(), local) > 0);
        if (tooNew.isPresent()) {
            String needed = "go" + tooNew.get().value();
            return base.withStatus(dev.gosetup.api.CheckStatus.WARN, tooNew.get().where() + " requires go >= "
                    + tooNew.get().value() + " but " + local + " runs with GOTOOLCHAIN=" + setting
                    + ": every go command in this module fails")
                    .withHint("install it: gosetup install " + installSpec(needed)
                            + ", and put its bin directory first on PATH");
        }
        return base.withStatus(dev.gosetup.api.CheckStatus.PASS, local + " serves " + file + " (" + asks + ")");
    }

    /** The spec that installs a toolchain name: its release without "go" and vendor suffix. */
    private static String installSpec(String toolchain) {
        return GoVersion.fromToolchain(toolchain).map(v -> v.toString().substring(2))
                .orElse(toolchain.startsWith("go") ? toolchain.substring(2) : toolchain);
    }

    /** go.work ($GOWORK, else upwards) before go.mod (upwards), as cmd/go's modGoToolchain. */
    private static Optional<Path> moduleFile(CheckContext context, GoSettings settings) {
        Optional<String> gowork = settings.fromEnvironment("GOWORK")
                .or(() -> Optional.ofNullable(settings.fileValues().get("GOWORK")));
        if (gowork.isPresent() && !gowork.get().equals("off")) {
            try {
                Path p = context.workingDirectory().resolve(gowork.get());
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            } catch (InvalidPathException e) {
                // not a path: go would complain itself
            }
        }
        if (gowork.isEmpty()) {
            Optional<Path> work = upwards(context.workingDirectory(), "go.work");
            if (work.isPresent()) {
                return work;
            }
        }
        return upwards(context.workingDirectory(), "go.mod");
    }

    private static Optional<Path> upwards(Path dir, String name) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(name))) {
                return Optional.of(d.resolve(name));
            }
        }
        return Optional.empty();
    }

    /** gover.GoModLookup: the first line that is KEY, white space, value; "//" comments cut. */
    static Optional<Directive> lookup(List<String> lines, String key, Path file) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (!line.startsWith(key) || line.length() == key.length()) {
                continue;
            }
            char c = line.charAt(key.length());
            if (c != ' ' && c != '\t') {
                continue;
            }
            String value = line.substring(key.length());
            int comment = value.indexOf("//");
            value = (comment < 0 ? value : value.substring(0, comment)).strip();
            return Optional.of(new Directive(value, file, i + 1));
        }
        return Optional.empty();
    }

    /** GOTOOLCHAIN in $GOROOT/go.env, the default Go ships ("" when the line is missing). */
    private static String goEnvDefault(String goroot) {
        if (goroot.isEmpty()) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(Path.of(goroot, "go.env"), StandardCharsets.UTF_8)) {
                if (line.startsWith("GOTOOLCHAIN=")) {
                    return line.substring("GOTOOLCHAIN=".length()).strip();
                }
            }
        } catch (IOException | InvalidPathException e) {
            return "";
        }
        return "";
    }
}
