/**
 * Environment stores that persist gosetup's settings for shells and sessions, and the pieces
 * they share: {@link dev.gosetup.core.persist.ShellScript} renders settings for {@code sh},
 * {@code bash}, {@code zsh}, {@code fish}, PowerShell and {@code cmd};
 * {@link dev.gosetup.core.persist.ManagedBlock} keeps gosetup's marked block in a file it shares
 * with the user, byte for byte. The stores ({@code posix-profile}, {@code fish},
 * {@code environment-d}) plan changes and apply them atomically; applying a plan, journalling it
 * and rolling it back is the caller's business (see
 * {@link dev.gosetup.api.spi.EnvironmentStore}).
 */
package dev.gosetup.core.persist;
