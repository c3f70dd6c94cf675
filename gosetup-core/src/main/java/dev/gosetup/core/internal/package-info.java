/**
 * Helpers shared by several packages of gosetup-core and by gosetup's own modules: file helpers
 * ({@code AtomicFiles}, {@code FileTrees}, {@code RegularFiles}, {@code ManagedBlock},
 * {@code GoEnvFile}, {@code HeldSettings}), Go module paths and zips ({@code ModulePath},
 * {@code ModuleZip}), the GOSUMDB value ({@code SumDb}), hashing and escaping. Not API: the
 * module exports this package only to gosetup's modules, and anything here may change in any
 * release; embedders use the exported packages ({@code dev.gosetup.core.install}, {@code env},
 * {@code process}, ...) instead.
 */
package dev.gosetup.core.internal;
