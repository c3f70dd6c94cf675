package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.process.ProcessResult;

import java.util.List;
import java.util.Set;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code go-found}: the {@code go} command exists (the configured toolchain's, else the first on
 * {@code PATH}), runs, and is at least a minimum version.
 *
 * <p>Parameters: {@code minimum} (a Go version, default {@value #DEFAULT_MINIMUM}, the first
 * release whose go command manages toolchains itself). FAIL when there is no go, when it does not
 * run, or when it is older than the minimum; the hints give the exact gosetup commands that fix
 * it. WARN when a configured toolchain reports another version than it claims.
 */
public final class GoFoundCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "go-found";
    static final String DEFAULT_MINIMUM = "1.21";
    private static final Duration GO_VERSION_TIMEOUT = Duration.ofSeconds(20);

    /** Creates the check. */
    public GoFoundCheck() {
        super(ID, "Go toolchain", "toolchain", List.of(), Set.of("minimum"));
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        String minimumText = context.parameter("minimum").orElse(DEFAULT_MINIMUM);
        GoVersion minimum;
        try {
            minimum = GoVersion.parse(minimumText.strip());
        } catch (IllegalArgumentException e) {
            return CheckResult.error("the parameter \"minimum\" is not a Go version: " + e.getMessage())
                    .withHint("write a version such as 1.22 or 1.22.5");
        }
        ContextGo located;
        try {
            located = ContextGo.locate(context);
        } catch (NotFoundException e) {
            return CheckResult.fail("go was not found: no toolchain is configured and there is no go on PATH")
                    .withDetail("PATH", context.variable("PATH").orElse("(unset)"))
                    .withHint("install Go: gosetup install latest")
                    .withHint(context.host().isWindows()
                            ? "put it on PATH for good: gosetup env apply, then open a new terminal (or for this one: $env:Path = \"$(gosetup which latest)\\bin;$env:Path\")"
                            : "put it on PATH: export PATH=\"$(gosetup which latest)/bin:$PATH\"");
        }
        Optional<Toolchain> configured = context.toolchain();
        if (!Files.isRegularFile(located.binary())) {
            return CheckResult.fail("the configured toolchain " + configured.map(Toolchain::goroot).orElseThrow()
                    + " has no " + context.host().os() + " go binary at " + located.binary())
                    .withDetail("GOROOT", configured.get().goroot())
                    .withHint("reinstall it: gosetup install " + configured.get().version().toString().substring(2));
        }
        ProcessResult result;
        try {
            result = located.run(ContextGo.tmp(context), GO_VERSION_TIMEOUT, "version");
        } catch (GoSetupException e) {
            return brokenToolchain(located, configured, e.getMessage());
        }
        String[] words = result.stdout().strip().split("\\s+");
        if (!result.succeeded() || words.length < 3 || !words[0].equals("go") || !words[1].equals("version")) {
            return brokenToolchain(located, configured, "`go version` exited with " + result.exitCode() + ": "
                    + ContextGo.firstLine(result.stderr() + "\n" + result.stdout()));
        }
        // Vendor builds print go1.21.0-bigcorp or go1.22.5 X:boringcrypto: read them as Go does.
        Optional<GoVersion> reported = GoVersion.fromToolchain(words[2]);
        if (reported.isEmpty()) {
            return brokenToolchain(located, configured, "`go version` printed an unknown version: " + words[2]);
        }
        GoVersion version = reported.get();
        CheckResult found = CheckResult.pass(version + " at " + located.binary())
                .withDetail("go", located.binary())
                .withDetail("found via", located.source())
                .withDetail("version", version)
                .withDetail("minimum", minimum);
        if (version.compareTo(minimum) < 0) {
            return found.withStatus(CheckStatus.FAIL, version + " at " + located.binary()
                    + " is older than the minimum " + minimum)
                    .withHint("install a newer Go: gosetup install latest")
                    .withHint("or lower the minimum in the checklist: with: { minimum: \"" + version.language()
                            .toString().substring(2) + "\" }");
        }
        if (configured.isPresent() && !configured.get().version().equals(version)) {
            return found.withStatus(CheckStatus.WARN, "the toolchain " + configured.get().goroot()
                    + " claims to be " + configured.get().version() + " but its go reports " + version)
                    .withHint("reinstall it: gosetup install " + configured.get().version().toString().substring(2));
        }
        return found;
    }

    private static CheckResult brokenToolchain(ContextGo located, Optional<Toolchain> configured, String why) {
        CheckResult r = CheckResult.fail(located.binary() + " does not run: " + why).withDetail("go", located.binary());
        if (why.contains("$GOFLAGS")) {
            // The toolchain is fine; the setting is not: go refuses every command until it is fixed.
            GoSettings settings = GoSettings.of(located.context());
            return CheckResult.fail("go refuses GOFLAGS=" + settings.value("GOFLAGS").orElse("") + " (from "
                    + settings.describe("GOFLAGS") + "): " + why.replaceFirst("^`go version` exited with \\d+: ", ""))
                    .withDetail("go", located.binary())
                    .withHints(settings.unsetHints("GOFLAGS", located.context().host().isWindows()))
                    .withHint(GoEnvCheck.GOFLAGS_HINT);
        }
        if (why.contains("cannot find GOROOT directory")) {
            GoSettings settings = GoSettings.of(located.context());
            r = r.withDetail("GOROOT source", settings.describe("GOROOT"))
                    .withHints(settings.unsetHints("GOROOT", located.context().host().isWindows()));
        }
        return configured.isPresent()
                ? r.withHint("reinstall it: gosetup install " + configured.get().version().toString().substring(2))
                : r.withHint("install a working Go: gosetup install latest, and put its bin directory first on PATH");
    }
}
