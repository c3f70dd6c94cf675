package dev.gosetup.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Toolchain;
import dev.gosetup.core.env.HermeticGo;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.junit5.GoTest;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Testing a Go module from JUnit: {@code @GoTest} hands the test a hermetic Go 1.22 environment
 * (own GOPATH and caches, no network, none of the user's Go settings), deleted after the class.
 *
 * <p>In this build the toolchain comes from the testkit's loopback mirror, because
 * {@code src/test/resources/META-INF/services/dev.gosetup.api.spi.ToolchainInstaller} registers a
 * test-scope installer that outranks the official one; without it, {@code @GoTest} would install
 * go1.22.x from go.dev into the machine's gosetup store, once.
 */
@GoTest(version = "1.22")
class GoModuleTest {
    @TempDir
    Path module;

    @BeforeEach
    void writeATinyModule() throws Exception {
        Files.writeString(module.resolve("go.mod"), "module example.com/wordcount\n\ngo 1.22\n");
        Files.writeString(module.resolve("count.go"), """
                // Package wordcount counts words.
                package wordcount

                import "strings"

                // Count returns the number of space-separated words in s.
                func Count(s string) int { return len(strings.Fields(s)) }
                """);
        Files.writeString(module.resolve("count_test.go"), """
                package wordcount

                import "testing"

                func TestCount(t *testing.T) {
                	for in, want := range map[string]int{"": 0, "go": 1, "  hermetic   go  ": 2} {
                		if got := Count(in); got != want {
                			t.Errorf("Count(%q) = %d, want %d", in, got, want)
                		}
                	}
                }
                """);
    }

    @Test
    void theModuleBuildsVetsAndItsTestsPass(HermeticGo go, Toolchain toolchain) {
        assertThat(toolchain.version().toString()).startsWith("go1.22.");

        go.runner().in(module).go("build", "./...").requireSuccess();
        go.runner().in(module).go("vet", "./...").requireSuccess();
        ProcessResult test = go.runner().in(module).go("test", "-v", "./...").requireSuccess();

        assertThat(test.stdout()).contains("--- PASS: TestCount").contains("ok  \texample.com/wordcount");
    }

    @Test
    void aFailingGoTestIsSeenAsAFailure(HermeticGo go) throws Exception {
        Files.writeString(module.resolve("broken_test.go"), """
                package wordcount

                import "testing"

                func TestBroken(t *testing.T) { t.Fatal("deliberately broken") }
                """);

        ProcessResult test = go.runner().in(module).go("test", "./...");

        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.stdout()).contains("deliberately broken").contains("FAIL");
    }
}
