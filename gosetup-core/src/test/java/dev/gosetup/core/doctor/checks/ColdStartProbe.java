package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;

import java.util.Map;

/**
 * Run in a fresh JVM by {@link ModuleProxyCheckTest}: the first HTTP exchange of a JVM, against the
 * module proxy URL in {@code args[0]}; prints the check's summary.
 */
final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        CheckResult r = new ModuleProxyCheck(c -> Map.of("GOPROXY", args[0]))
                .check(CheckContext.of(Map.of("PATH", "/usr/bin")));
        System.out.println(r.summary());
    }
}
