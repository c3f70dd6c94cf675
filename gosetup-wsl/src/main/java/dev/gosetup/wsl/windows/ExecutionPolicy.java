package dev.gosetup.wsl.windows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code Get-ExecutionPolicy -List} printed, and what it means for running {@code profile.ps1}.
 * The scopes and policy names are enum names PowerShell never translates; only the header is
 * localized, so lines are matched by scope name.
 *
 * @param policies the policy of each scope, in PowerShell's precedence order
 */
record ExecutionPolicy(Map<String, String> policies) {
    /** The scopes in precedence order: the first that is not Undefined decides. */
    static final List<String> SCOPES = List.of("MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine");
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(MachinePolicy|UserPolicy|Process|CurrentUser|LocalMachine)\\s+([A-Za-z]+)\\s*$");

    ExecutionPolicy {
        policies = Map.copyOf(policies);
    }

    /**
     * Parses the table.
     *
     * @return the policies, or empty when no scope line was found (not that command's output)
     */
    static Optional<ExecutionPolicy> parse(String output) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                found.put(m.group(1), m.group(2));
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new ExecutionPolicy(found));
    }

    /** The scope that decides, or empty when every scope is Undefined (then Windows' default applies). */
    Optional<String> decidingScope() {
        return SCOPES.stream().filter(s -> !policies.getOrDefault(s, "Undefined").equalsIgnoreCase("Undefined")).findFirst();
    }

    /** The policy in force: the deciding scope's, else {@code Restricted}, the default of Windows client editions. */
    String effective() {
        return decidingScope().map(policies::get).orElse("Restricted");
    }

    /** Whether a local, unsigned {@code profile.ps1} runs under the effective policy. */
    boolean runsLocalScripts() {
        return switch (effective().toLowerCase(Locale.ROOT)) {
            case "remotesigned", "unrestricted", "bypass" -> true;
            default -> false; // Restricted, AllSigned (an unsigned profile is refused), anything unknown
        };
    }

    /** Whether Group Policy decides, so that a user's own setting cannot change it. */
    boolean setByGroupPolicy() {
        return decidingScope().filter(s -> s.endsWith("Policy")).isPresent();
    }
}
