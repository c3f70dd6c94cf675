/**
 * The built-in readiness checks ({@code go-found}, {@code go-env}, {@code module-proxy}, ...),
 * registered in {@code META-INF/services} and the module's {@code provides}: embedders get them
 * through {@link dev.gosetup.api.spi.ProviderRegistry}, never by class. Not API: exported only to
 * gosetup's own modules, whose checks extend {@link dev.gosetup.core.doctor.checks.BuiltInCheck}.
 * {@code ContextGo} (how a check runs go), {@code GoSettings}, {@code Hints} and {@code Findings}
 * are shared with the checklist's probes.
 */
package dev.gosetup.core.doctor.checks;
