package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.http.ProxyConfig;
import dev.gosetup.testkit.LogCapture;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer builds its HTTP client (proxy settings from the environment, the JDK's HTTP
 * classes) when it first fetches, not when it is built: reading the store needs none. The client
 * announces itself with ProxyConfig's DEBUG line, which this test listens for.
 */
class LazyHttpClientTest {
    @RegisterExtension
    final LogCapture log = LogCapture.of(ProxyConfig.class.getName());

    @TempDir
    Path tmp;

    @Test
    void readingTheStoreBuildsNoClientAndTheFirstFetchDoes() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://127.0.0.1:9");
        URI index = tmp.resolve("no-index.json").toUri();
        GoInstaller installer = GoInstaller.builder(env).home(tmp.resolve("store")).index(index).build();

        assertThat(installer.installed()).isEmpty();
        assertThat(installer.find(VersionSpec.parse("1.22"))).isEmpty();
        assertThat(log.messages(System.Logger.Level.DEBUG)).as("no HTTP client for reading the store").isEmpty();

        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.22"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(GoSetupException.class).hasMessageContaining("no-index.json");
        assertThat(log.messages(System.Logger.Level.DEBUG)).as("the client the fetch needed, built once").hasSize(1);
        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.22"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(GoSetupException.class);
        assertThat(log.messages(System.Logger.Level.DEBUG)).hasSize(1);
    }

    @Test
    void aRefusedUrlIsStillRefusedWhenTheInstallerIsBuilt() {
        assertThatThrownBy(() -> GoInstaller.builder(Map.of()).home(tmp.resolve("store"))
                .index(URI.create("http://example.com/dl/?mode=json")).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("http://example.com/dl/");
        assertThat(log.messages(System.Logger.Level.DEBUG)).isEmpty();
    }
}
