package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How {@link GoEnvironment#processEnvironment} builds a process's variables. */
class GoEnvironmentProcessTest {
    private static Toolchain toolchain(String platform, Path goroot) {
        return new Toolchain(GoVersion.parse("go1.22.5"), Platform.parse(platform), goroot);
    }

    @Test
    void unsetGoVariablesAreDroppedOthersPassAndPathGetsTheToolchainFirst() {
        Path goroot = Path.of("/opt/go").toAbsolutePath();
        GoEnvironment env = GoEnvironment.of(toolchain("linux/amd64", goroot)).with("HOME", "/fake");
        Map<String, String> process = env.processEnvironment(Map.of("GOFLAGS", "-mod=vendor", "CGO_CFLAGS", "-O0",
                "HOME", "/home/u", "LANG", "C", "PATH", "/usr/bin"));
        assertThat(process).containsOnlyKeys("GOROOT", "HOME", "LANG", "PATH")
                .containsEntry("HOME", "/fake")
                .containsEntry("PATH", goroot.resolve("bin") + ":/usr/bin");
    }

    @Test
    void onWindowsASetVariableReplacesAnInheritedOneSpeltDifferently() {
        Path goroot = Path.of("/opt/go").toAbsolutePath();
        GoEnvironment env = GoEnvironment.of(toolchain("windows/amd64", goroot)).with("APPDATA", "/root/config");
        Map<String, String> process = env.processEnvironment(Map.of("AppData", "/Users/u/AppData/Roaming",
                "Path", "/windows"));
        assertThat(process).doesNotContainKey("AppData").containsEntry("APPDATA", "/root/config")
                .containsEntry("Path", goroot.resolve("bin") + ";/windows");
        GoEnvironment linux = GoEnvironment.of(toolchain("linux/amd64", goroot)).with("APPDATA", "x");
        assertThat(linux.processEnvironment(Map.of("AppData", "y"))).containsEntry("AppData", "y");
    }
}
