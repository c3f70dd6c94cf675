package dev.gosetup.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.testkit.contract.ReadinessCheckContract;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds examples/checklist-plugin into a jar of its own (with the JDK's compiler, against
 * gosetup-api only) and runs the real {@code gosetup doctor} in another JVM with that jar on the
 * plugin path, not on the class path.
 */
class ChecklistPluginTest {
    private static final Path PLUGIN = Path.of("checklist-plugin");

    @TempDir
    static Path work;

    private static Path pluginDir;

    @BeforeAll
    static void buildThePluginJar() throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> sources;
        try (Stream<Path> walk = Files.walk(PLUGIN.resolve("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String apiOnly = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("gosetup-api")).findFirst().orElseThrow();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-cp", apiOnly,
                "-d", classes.toString()));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
        pluginDir = Files.createDirectories(work.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve("team-checks.jar")));
                Stream<Path> files = Stream.concat(Files.walk(classes), Files.walk(PLUGIN.resolve("src/main/resources")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path root = file.startsWith(classes) ? classes : PLUGIN.resolve("src/main/resources");
                jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run gosetup(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gosetup.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("GOSETUP_PLUGINS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path checklist() throws IOException {
        return Files.writeString(work.resolve("checklist.yaml"),
                "checks:\n  - check: team-goprivate\n    with: { modules: \"git.example.com/team, example.org/x\" }\n");
    }

    @Test
    void thePluginIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("com.example.gosetup.checks.GoPrivateCheck"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theCliRunsThePluginsCheckFromThePluginDirectory() throws Exception {
        Run covered = gosetup(Map.of("GOPRIVATE", "git.example.com/*,example.org"), "doctor", "--plugins",
                pluginDir.toString(), "--checklist", checklist().toString(), "--format", "json");
        assertThat(covered.status()).as(covered.err()).isZero();
        JsonNode check = new ObjectMapper().readTree(covered.out()).get("checks").get(0);
        assertThat(check.get("id").asText()).isEqualTo("team-goprivate");
        assertThat(check.get("status").asText()).isEqualTo("PASS");
        assertThat(check.get("summary").asText()).isEqualTo("GOPRIVATE covers git.example.com/team, example.org/x");

        Run viaVariable = gosetup(Map.of("GOPRIVATE", "git.example.com", "GOSETUP_PLUGINS", pluginDir.toString()),
                "doctor", "--checklist", checklist().toString());
        assertThat(viaVariable.status()).as("a warning does not fail the run: " + viaVariable.err()).isZero();
        assertThat(viaVariable.out()).contains("[!] Private modules: GOPRIVATE does not cover example.org/x\n")
                .contains("    → go env -w GOPRIVATE=git.example.com,example.org/x\n");
    }

    @Test
    void withoutThePluginTheChecklistNamesTheUnknownCheck() throws Exception {
        Run run = gosetup(Map.of(), "doctor", "--checklist", checklist().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("checklist.yaml:2:").contains("unknown check \"team-goprivate\"")
                .contains("a plugin's checks need its jar on the plugin path");
    }

    @Test
    void theTeamChecklistOfTheExampleIsValid() throws Exception {
        Run run = gosetup(Map.of(), "doctor", "--plugins", pluginDir.toString(), "--checklist",
                PLUGIN.resolve("team-checklist.yaml").toString(), "--only", "team-goprivate", "--offline");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Private modules: ");
    }

    /** The published readiness-check contract, run against the plugin's check loaded from its jar. */
    @Nested
    class Contract extends ReadinessCheckContract {
        @Override
        protected ReadinessCheck check() {
            try {
                URLClassLoader loader = new URLClassLoader(new URL[] {pluginDir.resolve("team-checks.jar").toUri().toURL()},
                        ChecklistPluginTest.class.getClassLoader());
                return ServiceLoader.load(ReadinessCheck.class, loader).stream().map(ServiceLoader.Provider::get)
                        .filter(c -> c.id().equals("team-goprivate")).findFirst().orElseThrow();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
