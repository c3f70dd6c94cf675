package dev.gosetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.core.doctor.DoctorRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gosetup-core as a named module: what its descriptor declares, and what an embedder's module on
 * the module path can and cannot use. Core's other tests run on the class path, where the
 * descriptor is ignored, so this test is the one that drives the module itself: the real compiled
 * {@code module-info.class}, the real Jackson and commons-compress modules, javac and a module layer.
 */
class ModuleBoundaryTest {
    private static Path coreClasses;
    private static ModuleDescriptor descriptor;

    @BeforeAll
    static void readDescriptor() throws Exception {
        coreClasses = Path.of(DoctorRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(coreClasses.resolve("module-info.class")).as("gosetup-core compiled as a named module").exists();
        // Through a finder, as the module system reads it: javac writes no package list, the finder
        // scans the directory for it.
        descriptor = ModuleFinder.of(coreClasses).find("dev.gosetup.core").orElseThrow().descriptor();
    }

    @Test
    void providesMirrorsTheServiceFiles() throws IOException {
        Map<String, Set<String>> fromServices = new TreeMap<>();
        try (Stream<Path> files = Files.list(coreClasses.resolve("META-INF/services"))) {
            for (Path f : files.toList()) {
                fromServices.put(f.getFileName().toString(), Files.readAllLines(f).stream().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        Map<String, Set<String>> fromModule = new TreeMap<>();
        descriptor.provides().forEach(p -> fromModule.put(p.service(), new TreeSet<>(p.providers())));
        assertThat(fromModule).as("module-info's provides and META-INF/services must name the same providers")
                .isEqualTo(fromServices);
    }

    @Test
    void implementationPackagesAreExportedOnlyToGosetupModules() {
        Set<String> toEveryone = new TreeSet<>();
        for (ModuleDescriptor.Exports e : descriptor.exports()) {
            if (e.isQualified()) {
                assertThat(e.targets()).as(e.source()).allMatch(t -> t.startsWith("dev.gosetup."));
            } else {
                toEveryone.add(e.source());
            }
        }
        assertThat(toEveryone).noneMatch(p -> p.contains(".internal") || p.equals("dev.gosetup.core.doctor.checks"));
        Set<String> notExported = new TreeSet<>(descriptor.packages());
        descriptor.exports().forEach(e -> notExported.remove(e.source()));
        assertThat(notExported).containsExactlyInAnyOrder("dev.gosetup.core.archive", "dev.gosetup.core.sumdb");
    }

    @Test
    void anEmbedderModuleUsesTheFacadeAndItsProviders(@TempDir Path work) throws Exception {
        Path src = work.resolve("src");
        Path pkg = src.resolve("example/embedder");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), """
                module example.embedder {
                    requires dev.gosetup.core;
                    exports example.embedder;
                }
                """);
        // ProviderRegistry in a named module finds providers through "provides" only (the
        // META-INF/services files are ignored there); Checklist needs Jackson to reach its
        // package-private classes ("opens").
        Files.writeString(pkg.resolve("Embedder.java"), """
                package example.embedder;

                import dev.gosetup.api.spi.EnvironmentStore;
                import dev.gosetup.api.spi.ProviderRegistry;
                import dev.gosetup.api.spi.ReadinessCheck;
                import dev.gosetup.core.doctor.checklist.Checklist;
                import java.util.List;

                public final class Embedder {
                    public static List<String> checks() {
                        return ProviderRegistry.load(ReadinessCheck.class).all().stream().map(ReadinessCheck::id).toList();
                    }
                    public static List<String> stores() {
                        return ProviderRegistry.load(EnvironmentStore.class).all().stream().map(EnvironmentStore::id).toList();
                    }
                    public static List<String> checklist() {
                        Checklist list = Checklist.parse("checks:\\n  - id: db\\n    tcp: { host: 127.0.0.1, port: 5432 }\\n",
                                "team.yaml", false, List.of());
                        return list.checks().stream().map(ReadinessCheck::id).toList();
                    }
                }
                """);
        List<Path> modulePath = modulePath();
        Path out = work.resolve("out");
        String diagnostics = javac(modulePath, out, src.resolve("module-info.java"), pkg.resolve("Embedder.java"));
        assertThat(diagnostics).as("javac of the embedder").isEmpty();

        ModuleLayer boot = ModuleLayer.boot();
        List<Path> all = new ArrayList<>(modulePath);
        all.add(out);
        Configuration cf = boot.configuration().resolveAndBind(ModuleFinder.of(all.toArray(Path[]::new)),
                ModuleFinder.of(), Set.of("example.embedder"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Class<?> embedder = layer.findLoader("example.embedder").loadClass("example.embedder.Embedder");
        assertThat(embedder.getModule().isNamed()).isTrue();
        assertThat(layer.findModule("dev.gosetup.core")).isPresent();

        // An application's context class loader sees its modules: the loader of the layer here.
        Thread.currentThread().setContextClassLoader(layer.findLoader("example.embedder"));
        try {
            assertProviders(embedder);
        } finally {
            Thread.currentThread().setContextClassLoader(ModuleBoundaryTest.class.getClassLoader());
        }
    }

    private static void assertProviders(Class<?> embedder) throws Exception {
        assertThat(strings(embedder.getMethod("checks").invoke(null))).containsExactlyInAnyOrder("go-found",
                "go-shadowing", "build-and-serve", "module-proxy", "goroot-consistent", "go-env", "go-directories",
                "go-installs", "gotoolchain-switch");
        assertThat(strings(embedder.getMethod("stores").invoke(null))).containsExactlyInAnyOrder("go-env-file",
                "posix-profile", "fish", "environment-d");
        assertThat(strings(embedder.getMethod("checklist").invoke(null))).containsExactly("db");
    }

    @Test
    void anEmbedderModuleCannotCompileAgainstInternals(@TempDir Path work) throws Exception {
        Path src = work.resolve("src");
        Path pkg = src.resolve("example/sneaky");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), "module example.sneaky { requires dev.gosetup.core; }\n");
        Files.writeString(pkg.resolve("Sneaky.java"), """
                package example.sneaky;
                final class Sneaky {
                    String hex() { return dev.gosetup.core.internal.Sha256.hex(new byte[0]); }
                    Object check() { return new dev.gosetup.core.doctor.checks.GoFoundCheck(); }
                    Object db() { return dev.gosetup.core.sumdb.ChecksumDatabase.class; }
                }
                """);
        String diagnostics = javac(modulePath(), work.resolve("out"), src.resolve("module-info.java"),
                pkg.resolve("Sneaky.java"));
        assertThat(diagnostics)
                .contains("package dev.gosetup.core.internal is not visible")
                .contains("package dev.gosetup.core.doctor.checks is not visible")
                .contains("package dev.gosetup.core.sumdb is not visible");
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** Core, the API and core's runtime dependencies, as they are on this test's class path. */
    private static List<Path> modulePath() throws Exception {
        Path api = Path.of(dev.gosetup.api.GoVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> path = new ArrayList<>(List.of(coreClasses, api));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && (name.startsWith("jackson-") || name.startsWith("snakeyaml")
                    || name.startsWith("commons-compress") || name.startsWith("commons-io")
                    || name.startsWith("commons-lang3") || name.startsWith("commons-codec"))) {
                path.add(Path.of(entry));
            }
        }
        return path;
    }

    private static String javac(List<Path> modulePath, Path out, Path... sources) {
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        StringWriter diagnostics = new StringWriter();
        PrintWriter sink = new PrintWriter(diagnostics, true);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:-module", "--module-path",
                modulePath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "-d", out.toString()));
        Stream.of(sources).map(Path::toString).forEach(args::add);
        int rc = javac.run(sink, sink, args.toArray(String[]::new));
        String text = diagnostics.toString();
        return rc == 0 ? text : text.isEmpty() ? "javac exit " + rc : text;
    }
}
