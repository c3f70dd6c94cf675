package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command builds only its own part of the command tree; help, usage and typos still see all of it. */
class LazySubcommandsTest {
    @TempDir
    Path tmp;

    private static java.util.Set<String> tree(String... args) {
        return GoSetupCommand.commandLine(new GoSetupCommand(), args).getSubcommands().keySet();
    }

    @Test
    void aNamedCommandIsTheOnlySubcommandBuilt() {
        assertThat(tree("env", "--json")).containsExactly("env");
        assertThat(tree("--debug", "list")).containsExactly("list");
        assertThat(tree("exec", "--", "go", "env")).containsExactly("exec");
        assertThat(tree("--version")).isEmpty();
    }

    @Test
    void helpNoCommandAndTyposGetTheWholeTree() {
        int all = GoSetupCommand.SUBCOMMANDS.size();
        assertThat(tree("help", "env").size()).isGreaterThanOrEqualTo(all);
        assertThat(tree().size()).isGreaterThanOrEqualTo(all);
        assertThat(tree("--help").size()).isGreaterThanOrEqualTo(all);
        assertThat(tree("instal", "1.22").size()).isGreaterThanOrEqualTo(all);
    }

    @Test
    void inheritedOptionsAndExecsStopAtPositionalStillApply() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("HOME", tmp.toString(), "PATH", "/usr/bin:/bin");
        assertThat(GoSetupCommand.run(new String[] {"list", "--debug", "--home", tmp.resolve("store").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true), env)).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(GoSetupCommand.run(new String[] {"--version"}, new PrintWriter(out, true), new PrintWriter(err, true),
                env)).isZero();
        assertThat(out.toString()).startsWith("gosetup ");
        assertThat(GoSetupCommand.commandLine(new GoSetupCommand(), new String[] {"exec"}).getSubcommands().get("exec")
                .isStopAtPositional()).isTrue();
    }
}
