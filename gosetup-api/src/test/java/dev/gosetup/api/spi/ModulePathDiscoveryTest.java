package dev.gosetup.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery from the module path: a plugin module compiled here with {@code provides ... with ...}
 * and no META-INF/services file, loaded into its own module layer next to the real
 * {@code dev.gosetup.api} module, as an IDE that builds plugin layers would.
 */
class ModulePathDiscoveryTest {

    @Test
    void findsProvidersDeclaredInModuleInfo(@TempDir Path work) throws Exception {
        Path apiModule = Path.of(Provider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(apiModule.resolve("module-info.class")).as("gosetup-api compiled as a named module").exists();

        Path src = work.resolve("src");
        Path pkg = src.resolve("example/plugin");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), """
                module example.plugin {
                    requires dev.gosetup.api;
                    provides dev.gosetup.api.spi.Provider with example.plugin.ModuleProvider;
                }
                """);
        Files.writeString(pkg.resolve("ModuleProvider.java"), """
                package example.plugin;
                public final class ModuleProvider implements dev.gosetup.api.spi.Provider {
                    @Override public String id() { return "from-module-path"; }
                    @Override public int priority() { return 7; }
                }
                """);
        Path out = work.resolve("out");
        // java.util.spi.ToolProvider is in java.base, so this test needs no extra module reads.
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        StringWriter diagnostics = new StringWriter();
        PrintWriter sink = new PrintWriter(diagnostics, true);
        int rc = javac.run(sink, sink, "--release", "17", "--module-path", apiModule.toString(),
                "-d", out.toString(), src.resolve("module-info.java").toString(),
                pkg.resolve("ModuleProvider.java").toString());
        assertThat(rc).as(diagnostics.toString()).isZero();

        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolveAndBind(ModuleFinder.of(apiModule, out), ModuleFinder.of(),
                Set.of("example.plugin"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());

        // The layer holds its own copy of dev.gosetup.api, so the registry is driven through it.
        ClassLoader loader = layer.findLoader("dev.gosetup.api");
        Class<?> providerType = loader.loadClass("dev.gosetup.api.spi.Provider");
        Class<?> registryType = loader.loadClass("dev.gosetup.api.spi.ProviderRegistry");
        assertThat(registryType.getModule().isNamed()).isTrue();
        Object registry = registryType.getMethod("load", Class.class, ModuleLayer.class)
                .invoke(null, providerType, layer);
        List<?> all = (List<?>) registryType.getMethod("all").invoke(registry);
        List<?> problems = (List<?>) registryType.getMethod("problems").invoke(registry);

        Method id = providerType.getMethod("id");
        assertThat(all).hasSize(1);
        assertThat(id.invoke(all.get(0))).isEqualTo("from-module-path");
        assertThat(all.get(0).getClass().getModule().getName()).isEqualTo("example.plugin");
        assertThat(problems).isEmpty();
    }
}
