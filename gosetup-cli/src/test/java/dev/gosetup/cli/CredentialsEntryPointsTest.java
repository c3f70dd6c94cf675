package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.proxy.ModuleSettings;
import dev.gosetup.testkit.RealToolchains;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "credentials in URLs", at every entry point beyond {@code --mirror}/{@code --index}
 * ({@link CredentialsInUrlsTest}): the GOPROXY list of {@code proxy set}, the corporate preset's
 * {@code --url} and the URLs {@code proxy probe} is given, a GOPROXY with credentials in the user's environment read by {@code proxy show},
 * {@code install --source proxy} and {@code tools install} (which would run go with it and showed
 * it in its error's fix), the {@code GOSETUP_MIRRORS} and
 * {@code GOSETUP_INDEX_URL} variables, and the library's builders. Each is refused (exit 2 in the
 * CLI) before any connection, and the password reaches no screen, no file of the store and no file
 * of the user's home.
 */
class CredentialsEntryPointsTest {
    private static final String PASSWORD = "S3cretPASS";

    @TempDir
    Path dir;

    Path store;
    Path home;
    ServerSocket server;
    String base;
    Map<String, String> userEnv;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void listen() throws Exception {
        store = dir.resolve("store");
        home = Files.createDirectories(dir.resolve("home"));
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(300);
        base = "http://alice:" + PASSWORD + "@127.0.0.1:" + server.getLocalPort() + "/";
        userEnv = new LinkedHashMap<>(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
    }

    @AfterEach
    void nothingSentNothingKept() throws Exception {
        try {
            server.accept().close();
            throw new AssertionError("gosetup connected to the server whose URL holds the password");
        } catch (SocketTimeoutException expected) {
            // nothing was sent
        } finally {
            server.close();
        }
        assertThat(out + err.toString()).doesNotContain(PASSWORD);
        for (Path root : List.of(store, home)) {
            if (Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                                .as(f.toString()).doesNotContain(PASSWORD);
                    }
                }
            }
        }
    }

    private int gosetup(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", store.toString()));
        return GoSetupCommand.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                userEnv);
    }

    @Test
    void proxySetAndProbeRefuseAGoproxyListOrPresetUrlWithCredentials() {
        assertThat(gosetup("proxy", "set", base + "mod," + "direct")).as(err.toString()).isEqualTo(2);
        assertThat(gosetup("proxy", "set", "https://goproxy.io|" + base + "mod,direct")).as(err.toString()).isEqualTo(2);
        assertThat(gosetup("proxy", "set", "corporate", "--url", base + "mod")).as(err.toString()).isEqualTo(2);
        assertThat(gosetup("proxy", "probe", base + "mod")).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("***@127.0.0.1").contains("credentials").contains(".netrc");
        assertThat(home.resolve(".config/go/env")).doesNotExist();
    }

    @Test
    void aGoproxyWithCredentialsInTheEnvironmentIsNeverShownOrUsedByGosetup() {
        userEnv.put("GOPROXY", base + "mod,direct");
        userEnv.put("HTTPS_PROXY", "http://bob:" + PASSWORD + "@127.0.0.1:3128");
        assertThat(gosetup("proxy", "show")).isEqualTo(1); // it shows the problem
        assertThat(gosetup("proxy", "show", "--json")).isEqualTo(1);
        assertThat(out.toString()).contains("GOPROXY=http://***@127.0.0.1:").contains("\"value\" : \"http://***@127.0.0.1:");
        assertThat(gosetup("install", "--source", "proxy", "1.22.12")).as(err.toString()).isEqualTo(2);
        assertThat(out + err.toString()).contains("***@127.0.0.1");
    }

    @Test
    void toolsInstallRefusesAGoproxyWithCredentialsBeforeRunningGo() {
        Path goroot = RealToolchains.require(1).get(0).goroot();
        userEnv.put("GOPROXY", base + "mod");
        userEnv.put("GOFLAGS", "-modcacherw");

        assertThat(gosetup("tools", "install", "dlv", "--goroot", goroot.toString())).as(err.toString()).isEqualTo(2);

        assertThat(err.toString()).contains("GOPROXY entry http://***@127.0.0.1:").contains("~/.netrc")
                .doesNotContain("gosetup: tools: ");
        assertThat(store.resolve("tools")).doesNotExist();
    }

    @Test
    void mirrorsAndIndexFromTheEnvironmentAreRefusedLikeTheOptions() {
        userEnv.put("GOSETUP_MIRRORS", base + "dl/");
        assertThat(gosetup("install", "1.22.12")).as(err.toString()).isEqualTo(2);
        userEnv.remove("GOSETUP_MIRRORS");
        userEnv.put("GOSETUP_INDEX_URL", base + "dl/?mode=json");
        assertThat(gosetup("list", "--remote")).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("***@127.0.0.1").contains("credentials in a URL are not supported");
    }

    @Test
    void theLibrarysBuildersAndParsersRefuseCredentialsWithoutEchoingThem() {
        for (Runnable build : List.<Runnable>of(
                () -> GoInstaller.builder(Map.of()).home(store).mirrors(List.of(URI.create(base + "dl/"))).build(),
                () -> GoInstaller.builder(Map.of()).home(store).index(URI.create(base + "dl/?mode=json")).build(),
                () -> GoProxyList.parse(base + "mod,direct"),
                () -> ModuleSettings.of(Map.of("GOPROXY", "https://alice:" + PASSWORD + "@goproxy.corp.example.com")))) {
            assertThatThrownBy(build::run).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("***@").hasMessageNotContaining(PASSWORD)
                    .satisfies(e -> assertThat(String.join("\n", ((InvalidConfigurationException) e).resolutions()))
                            .doesNotContain(PASSWORD));
        }
    }
}
