package dev.gosetup.wsl.windows;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.core.doctor.checks.BuiltInCheck;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code powershell-execution-policy} (Windows only): whether Windows PowerShell runs the user's
 * {@code profile.ps1}, where the {@code powershell-profile} store puts gosetup's settings. Runs
 * {@code powershell.exe -NoProfile -NonInteractive -Command Get-ExecutionPolicy -List} and reads the
 * table. PASS for RemoteSigned, Unrestricted and Bypass; WARN otherwise (Restricted, the default of
 * Windows client editions when every scope is Undefined, or AllSigned), with the fix
 * {@code Set-ExecutionPolicy -Scope CurrentUser RemoteSigned}, or, when Group Policy decides, the
 * advice to ask an administrator. Never suggests Bypass. SKIP when powershell.exe is not found.
 */
public final class ExecutionPolicyCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "powershell-execution-policy";
    static final String FIX = "Set-ExecutionPolicy -Scope CurrentUser RemoteSigned";

    private final Function<CheckContext, Optional<String>> listPolicies;

    /** Creates the check; runs nothing until checked. */
    public ExecutionPolicyCheck() {
        this(ExecutionPolicyCheck::runPowerShell);
    }

    /** @param listPolicies gives the output of {@code Get-ExecutionPolicy -List}, or empty without PowerShell */
    ExecutionPolicyCheck(Function<CheckContext, Optional<String>> listPolicies) {
        super(ID, "PowerShell execution policy", "shell", java.util.List.of(), Set.of());
        this.listPolicies = listPolicies;
    }

    /** @return true on Windows only */
    @Override
    public boolean appliesTo(Platform host) {
        return host.isWindows();
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        Optional<String> output = listPolicies.apply(context);
        if (output.isEmpty()) {
            return CheckResult.skip("powershell.exe was not found on PATH");
        }
        Optional<ExecutionPolicy> parsed = ExecutionPolicy.parse(output.get());
        if (parsed.isEmpty()) {
            return CheckResult.error("Get-ExecutionPolicy -List printed no policy table")
                    .withDetail("output", output.get().strip());
        }
        ExecutionPolicy policy = parsed.get();
        CheckResult result;
        String source = policy.decidingScope().map(s -> "set at scope " + s)
                .orElse("every scope Undefined: Windows' default");
        if (policy.runsLocalScripts()) {
            result = CheckResult.pass("PowerShell runs profile.ps1 (" + policy.effective() + ", " + source + ")");
        } else {
            result = CheckResult.warn("Windows PowerShell will not run profile.ps1 (" + policy.effective() + ", " + source
                    + "), so settings gosetup writes there do not take effect");
            result = policy.setByGroupPolicy()
                    ? result.withHint("Group Policy sets this (" + policy.decidingScope().orElseThrow() + "); ask your"
                            + " administrator to allow RemoteSigned, or use the windows-registry store: gosetup env apply")
                    : result.withHint("allow your own scripts: " + FIX)
                            .withHint("or keep the policy and use the registry instead: gosetup env apply (the default"
                                    + " on Windows)");
        }
        for (String scope : ExecutionPolicy.SCOPES) {
            result = result.withDetail(scope, policy.policies().getOrDefault(scope, "(not shown)"));
        }
        return result;
    }

    private static Optional<String> runPowerShell(CheckContext context) {
        Path powershell;
        try {
            powershell = Executables.find("powershell", context.environment(), true);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        ProcessResult r = ProcessRunner.run(List.of(powershell.toString(), "-NoProfile", "-NonInteractive", "-Command",
                        "Get-ExecutionPolicy -List"),
                context.variable("TEMP").or(() -> context.variable("USERPROFILE")).map(Path::of)
                        .orElse(Path.of("").toAbsolutePath()),
                Map.of(), Duration.ofSeconds(20), context.cancellation());
        return Optional.of(r.stdout());
    }
}
