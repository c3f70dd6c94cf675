package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GoEnvironmentTest {
    private static final Toolchain LINUX = new Toolchain(GoVersion.parse("1.22.5"), Platform.parse("linux-amd64"),
            Path.of("/store/toolchains/go1.22.5.linux-amd64"));
    private static final Toolchain WINDOWS = new Toolchain(GoVersion.parse("1.22.5"), Platform.parse("windows-amd64"),
            Path.of("/store/toolchains/go1.22.5.windows-amd64"));

    @Test
    void ofSetsOnlyTheToolchainsGoroot() {
        GoEnvironment env = GoEnvironment.of(LINUX);
        assertThat(env.variables()).containsExactly(Map.entry("GOROOT", LINUX.goroot().toString()));
        assertThat(env.pathEntries()).containsExactly(LINUX.goroot().resolve("bin"));
    }

    @Test
    void variablesAreSortedCopiesAndImmutable() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("GOPATH", "/p");
        in.put("CGO_ENABLED", "0");
        GoEnvironment env = new GoEnvironment(LINUX, in);
        in.put("GOFLAGS", "-x");
        assertThat(env.variables()).containsExactly(Map.entry("CGO_ENABLED", "0"), Map.entry("GOPATH", "/p"));
        assertThatThrownBy(() -> env.variables().put("A", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withWithoutAndTargeting() {
        GoEnvironment env = GoEnvironment.of(LINUX).with("GOPATH", "/p").targeting(Platform.parse("windows-arm64"));
        assertThat(env.get("GOOS")).contains("windows");
        assertThat(env.get("GOARCH")).contains("arm64");
        assertThat(env.without("GOPATH").get("GOPATH")).isEmpty();
        assertThat(env.withAll(Map.of("GOPATH", "/q", "GOBIN", "/b")).variables())
                .containsEntry("GOPATH", "/q").containsEntry("GOBIN", "/b");
        assertThat(env.toolchain()).isEqualTo(LINUX);
    }

    @Test
    void refusesPathNulAndBadNames() {
        assertThatThrownBy(() -> GoEnvironment.of(LINUX).with("PATH", "/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PATH");
        assertThatThrownBy(() -> GoEnvironment.of(LINUX).with("Path", "/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoEnvironment.of(LINUX).with("GOFLAGS", "a\0b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GOFLAGS");
        assertThatThrownBy(() -> GoEnvironment.of(LINUX).with("A=B", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A=B");
        assertThatThrownBy(() -> GoEnvironment.of(LINUX).with("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processEnvironmentUnsetsGoVariablesItDoesNotSetAndKeepsOthers() {
        Map<String, String> inherited = new LinkedHashMap<>();
        inherited.put("HOME", "/home/u");
        inherited.put("GOFLAGS", "-mod=vendor");
        inherited.put("GOROOT", "/stale/go");
        inherited.put("CGO_CFLAGS", "-O0");
        inherited.put("GOOGLE_APPLICATION_CREDENTIALS", "/k.json"); // starts with GO, is not Go's
        inherited.put("CC", "clang");
        inherited.put("PATH", "/usr/bin:/bin");
        GoEnvironment env = GoEnvironment.of(LINUX).with("GOBIN", "/gobin").with("GOPROXY", "off");
        Map<String, String> process = env.processEnvironment(inherited);
        assertThat(process).doesNotContainKeys("GOFLAGS", "CGO_CFLAGS")
                .containsEntry("GOROOT", LINUX.goroot().toString())
                .containsEntry("GOPROXY", "off")
                .containsEntry("HOME", "/home/u")
                .containsEntry("CC", "clang")
                .containsEntry("GOOGLE_APPLICATION_CREDENTIALS", "/k.json")
                .containsEntry("PATH", LINUX.goroot().resolve("bin") + ":/gobin:/usr/bin:/bin");
        assertThat(inherited).containsEntry("GOFLAGS", "-mod=vendor"); // untouched
    }

    @Test
    void processEnvironmentWithoutInheritedPath() {
        Map<String, String> process = GoEnvironment.of(LINUX).processEnvironment(Map.of());
        assertThat(process.get("PATH")).isEqualTo(LINUX.goroot().resolve("bin").toString());
    }

    @Test
    void windowsPathIsMatchedCaseInsensitivelyAndUsesSemicolons() {
        Map<String, String> process = GoEnvironment.of(WINDOWS)
                .processEnvironment(Map.of("Path", "C:\\Windows", "SystemRoot", "C:\\Windows"));
        assertThat(process).doesNotContainKey("PATH")
                .containsEntry("Path", WINDOWS.goroot().resolve("bin") + ";C:\\Windows");
        assertThat(WINDOWS.goBinary().getFileName().toString()).isEqualTo("go.exe");
    }

    @Test
    void gobinIsNotRepeatedOnPath() {
        GoEnvironment env = GoEnvironment.of(LINUX).with("GOBIN", LINUX.goroot().resolve("bin").toString());
        assertThat(env.pathEntries()).containsExactly(LINUX.goroot().resolve("bin"));
        assertThat(GoEnvironment.of(LINUX).with("GOBIN", "").pathEntries()).hasSize(1);
    }

    @Test
    void goVariables() {
        assertThat(GoEnvironment.isGoVariable("GOPATH")).isTrue();
        assertThat(GoEnvironment.isGoVariable("CGO_LDFLAGS")).isTrue();
        assertThat(GoEnvironment.isGoVariable("GODEBUG")).isTrue();
        assertThat(GoEnvironment.isGoVariable("GOOGLE_CLOUD_PROJECT")).isFalse();
        assertThat(GoEnvironment.isGoVariable("HOME")).isFalse();
    }

    @Test
    void settingsValidateNamesValuesAndPath() {
        EnvironmentSettings s = new EnvironmentSettings(Map.of("GOPATH", "/p q", "A_1", "x"), List.of("/go/bin"));
        assertThat(s.variables().keySet()).containsExactly("A_1", "GOPATH");
        assertThat(s.isEmpty()).isFalse();
        assertThat(EnvironmentSettings.NONE.isEmpty()).isTrue();
        assertThatThrownBy(() -> new EnvironmentSettings(Map.of("PATH", "/x"), List.of()))
                .hasMessageContaining("pathPrepend");
        assertThatThrownBy(() -> new EnvironmentSettings(Map.of("1A", "x"), List.of()))
                .hasMessageContaining("\"1A\"");
        assertThatThrownBy(() -> new EnvironmentSettings(Map.of("A", "x\ny"), List.of()))
                .hasMessageContaining("x\\ny");
        assertThatThrownBy(() -> new EnvironmentSettings(Map.of(), List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storeChangeCopiesBytesAndReverses() {
        byte[] before = {1, 2};
        StoreChange change = new StoreChange("s", "/f", "edit", Optional.of(before), Optional.empty());
        before[0] = 9;
        assertThat(change.before()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
        change.before().get()[0] = 7;
        assertThat(change.isBefore(Optional.of(new byte[] {1, 2}))).isTrue();
        assertThat(change.isAfter(Optional.empty())).isTrue();
        StoreChange back = change.reversed();
        assertThat(back.isAfter(Optional.of(new byte[] {1, 2}))).isTrue();
        assertThat(back.before()).isEmpty();
        assertThat(back.summary()).isEqualTo("restore: edit");
        assertThatThrownBy(() -> new StoreChange("s", "/f", "x", Optional.empty(), Optional.empty()))
                .hasMessageContaining("/f");
        assertThat(new StoreChange("s", "/f", "edit", Optional.of(new byte[] {1, 2}), Optional.empty()))
                .isEqualTo(change).hasSameHashCodeAs(change);
    }
}
