/**
 * Provider interfaces that plugins implement, and {@link dev.gosetup.api.spi.ProviderRegistry},
 * which discovers them with {@link java.util.ServiceLoader} from the class path or the module path.
 *
 * <p>A provider jar registers each implementation in {@code META-INF/services/<interface name>}
 * (class path) and with {@code provides ... with ...} in its {@code module-info} (module path).
 * The contract every provider keeps is written down in {@code docs/spi.md}.
 */
package dev.gosetup.api.spi;
