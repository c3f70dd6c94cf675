/**
 * Environment stores that persist gosetup's settings for shells and sessions, and the pieces
 * they share: {@link dev.gosetup.core.persist.ShellScript} renders settings for {@code sh},
 * {@code bash}, {@code zsh}, {@code fish}, PowerShell and {@code cmd};
 * {@link dev.gosetup.core.internal.ManagedBlock} keeps gosetup's marked block in a file it shares
 * with the user, byte for byte. The stores ({@code go-env-file}, {@code posix-profile},
 * {@code fish}, {@code environment-d}) plan changes and apply them atomically;
 * {@link dev.gosetup.core.persist.EnvironmentChanges} plans settings for them and applies the plan
 * through {@link dev.gosetup.core.journal.ChangeJournal}.
 */
package dev.gosetup.core.persist;
