/**
 * Discovery of Go toolchains installed outside gosetup's store (by version managers, package
 * managers, the official installers, or by hand), without changing them.
 *
 * <p>{@link dev.gosetup.core.discover.ToolchainDiscoverer} runs every
 * {@link dev.gosetup.api.spi.ToolchainDiscovery} provider, reads each candidate's version
 * ({@code VERSION} first, else {@code go version}), platform ({@code pkg/tool/GOOS_GOARCH}, else
 * {@code go version}) and intactness, and removes duplicates by real path. The built-in providers
 * are one small class per install method; every path they look at comes from the
 * {@link dev.gosetup.api.DiscoveryContext}, so tests build fake layouts in temporary homes.
 */
package dev.gosetup.core.discover;
