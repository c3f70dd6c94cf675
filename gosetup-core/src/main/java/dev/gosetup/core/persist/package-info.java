/**
 * Environment stores that persist gosetup's settings for shells and sessions, and the pieces
 * they share: {@link dev.gosetup.core.persist.ShellScript} renders settings for {@code sh},
 * {@code bash}, {@code zsh}, {@code fish}, PowerShell and {@code cmd};
 * {@link dev.gosetup.core.persist.ManagedBlock} keeps gosetup's marked block in a file it shares
 * with the user, byte for byte. The stores ({@code go-env-file}, {@code posix-profile},
 * {@code fish}, {@code environment-d}) plan changes and apply them atomically;
 * {@link dev.gosetup.core.persist.EnvironmentChanges} shows the plan, applies it, journals the
 * exact bytes and rolls back.
 */
package dev.gosetup.core.persist;
