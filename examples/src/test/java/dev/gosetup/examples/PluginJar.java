package dev.gosetup.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds an example plugin (a directory with {@code src/main/java} and {@code src/main/resources})
 * into a jar of its own, the way a team would: compiled with the JDK's compiler against
 * gosetup-api alone, warnings as errors.
 */
final class PluginJar {
    private PluginJar() {
    }

    /**
     * Compiles and packs a plugin.
     *
     * @param plugin the plugin's directory, e.g. {@code checklist-plugin}
     * @param work a scratch directory for the classes
     * @param jarFile the jar to write
     * @return {@code jarFile}
     */
    static Path build(Path plugin, Path work, Path jarFile) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes-" + plugin.getFileName()));
        List<String> sources;
        try (Stream<Path> walk = Files.walk(plugin.resolve("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String apiOnly = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("gosetup-api")).findFirst().orElseThrow();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-cp", apiOnly,
                "-d", classes.toString()));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
        Files.createDirectories(jarFile.getParent());
        Path resources = plugin.resolve("src/main/resources");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile));
                Stream<Path> files = Stream.concat(Files.walk(classes), Files.walk(resources))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path root = file.startsWith(classes) ? classes : resources;
                jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        return jarFile;
    }
}
