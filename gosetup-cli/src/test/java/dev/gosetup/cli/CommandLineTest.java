package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The command line as a person meets it: every command of the tree answers {@code -h},
 * {@code --help} and {@code gosetup help ...}; mistakes get the input named, a fix and a
 * suggestion, before anything happens.
 */
class CommandLineTest extends CliTest {
    private int run(String... args) {
        return gosetup(List.of(args));
    }

    /** Every command path of the tree, found by walking it: commands added later are covered too. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        walk(GoSetupCommand.commandLine(new GoSetupCommand()), new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            walk(sub, next, paths);
        });
    }

    @Test
    void everyCommandAnswersHelpInAllThreeWays() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).as("the walk finds nested commands").contains(List.of("env", "apply"),
                List.of("proxy", "pack"), List.of("doctor"), List.of("exec"));
        for (List<String> path : paths) {
            String usage = "Usage: " + String.join(" ", concat(List.of("gosetup"), path));
            for (String flag : List.of("--help", "-h")) {
                assertThat(run(concat(path, List.of(flag)).toArray(String[]::new)))
                        .as(path + " " + flag + ": " + err).isZero();
                assertThat(out.toString()).as(path + " " + flag).startsWith(usage);
                assertThat(err.toString()).as(path + " " + flag).isEmpty();
            }
            assertThat(run(concat(List.of("help"), path).toArray(String[]::new))).as("help " + path + ": " + err)
                    .isZero();
            assertThat(out.toString()).as("help " + path).startsWith(usage);
        }
    }

    @Test
    void summariesAreWholeSentences() {
        for (List<String> path : commandPaths()) {
            CommandLine command = GoSetupCommand.commandLine(new GoSetupCommand());
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            String[] description = command.getCommandSpec().usageMessage().description();
            assertThat(description).as(path + " has a description").isNotEmpty();
            // The first line is the summary in the parent's command list: it must stand alone.
            assertThat(description[0]).as(path + " summary").endsWith(".")
                    .doesNotEndWith("e.g.").doesNotEndWith("For example:");
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).doesNotContainPattern("(?m)(^|\\s)e\\.(g\\.)?\\s*$").doesNotContainPattern("(?m)^\\s+g\\.\\s*$");
    }

    @Test
    void helpOfAnUnknownCommandSuggestsTheRightOne() {
        assertThat(run("help", "instal")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("'instal'").contains("did you mean 'gosetup install'");
    }

    @Test
    void aMistypedCommandOrOptionGetsADidYouMean() {
        assertThat(run("instal", "1.22")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("'instal'").contains("did you mean 'gosetup install'");
        assertThat(run("list", "--remot")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("'--remot'").contains("did you mean '--remote'");
    }

    @Test
    void aHomeThatIsAFileIsBadInputNamingTheOption() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThat(run("list", "--home", file.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).startsWith("gosetup: --home: " + file + " is not a directory")
                .doesNotContain("GOSETUP_HOME is");
        assertThat(run("doctor", "--home", file.toString(), "--only", "go-found")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--home");
    }

    @Test
    void pruneKeepMustBePositive() {
        assertThat(run("prune", "--keep", "-1", "--home", tmp.resolve("store").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--keep -1").contains("1 or more").doesNotContain("keepNewest");
    }

    @Test
    void aMissingIndexFileIsBadInput() {
        assertThat(run("install", "1.22", "--index", "/nonexistent/index.json", "--home",
                tmp.resolve("store").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--index: /nonexistent/index.json does not exist");
        assertThat(tmp.resolve("store/toolchains")).doesNotExist();
    }

    @Test
    void pluginsMustBeADirectoryNotAJar() throws Exception {
        Path jar = Files.write(tmp.resolve("x.jar"), new byte[] {'P', 'K', 3, 4});
        assertThat(run("doctor", "--plugins", jar.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--plugins: " + jar + " is a file")
                .contains("directory").doesNotContain("does not exist");
    }

    @Test
    void checklistErrorsSpeakYamlNotJava() throws Exception {
        Path notAList = Files.writeString(tmp.resolve("a.yaml"), "checks: go-found\n");
        assertThat(run("doctor", "--checklist", notAList.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("a.yaml:1:").contains("checks: expected a list, found a text value")
                .doesNotContain("java.").doesNotContain("ArrayList").doesNotContain("JsonToken")
                .doesNotContain("deserialize");
        Path withList = Files.writeString(tmp.resolve("b.yaml"), "checks:\n  - id: go-found\n    with: [1, 2]\n");
        assertThat(run("doctor", "--checklist", withList.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("b.yaml:3:").contains("with: expected a mapping (name: value lines), "
                + "found a list").doesNotContain("LinkedHashMap");
    }

    @Test
    void badVersionSpecsNameTheArgument() {
        assertThat(run("use", "1.2x", "--home", tmp.resolve("store").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("SPEC: not a Go version spec: \"1.2x\"").contains("fix:");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
