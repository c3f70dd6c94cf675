package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.http.ProxyConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer builds its HTTP client (proxy settings from the environment, the JDK's HTTP
 * classes) when it first fetches, not when it is built: reading the store needs none. The client
 * announces itself with ProxyConfig's DEBUG line, which this test listens for.
 */
class LazyHttpClientTest {
    private final Logger proxyLog = Logger.getLogger(ProxyConfig.class.getName());
    private final List<String> built = new ArrayList<>();
    private final Handler listener = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() <= Level.FINE.intValue()) {
                built.add(String.valueOf(record.getMessage()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @TempDir
    Path tmp;

    @BeforeEach
    void listen() {
        before = proxyLog.getLevel();
        proxyLog.setLevel(Level.ALL);
        proxyLog.addHandler(listener);
    }

    @AfterEach
    void stop() {
        proxyLog.removeHandler(listener);
        proxyLog.setLevel(before);
    }

    @Test
    void readingTheStoreBuildsNoClientAndTheFirstFetchDoes() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://127.0.0.1:9");
        URI index = tmp.resolve("no-index.json").toUri();
        GoInstaller installer = GoInstaller.builder(env).home(tmp.resolve("store")).index(index).build();

        assertThat(installer.installed()).isEmpty();
        assertThat(installer.find(VersionSpec.parse("1.22"))).isEmpty();
        assertThat(built).as("no HTTP client for reading the store").isEmpty();

        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.22"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(GoSetupException.class).hasMessageContaining("no-index.json");
        assertThat(built).as("the client the fetch needed, built once").hasSize(1);
        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.22"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(GoSetupException.class);
        assertThat(built).hasSize(1);
    }

    @Test
    void aRefusedUrlIsStillRefusedWhenTheInstallerIsBuilt() {
        assertThatThrownBy(() -> GoInstaller.builder(Map.of()).home(tmp.resolve("store"))
                .index(URI.create("http://example.com/dl/?mode=json")).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("http://example.com/dl/");
        assertThat(built).isEmpty();
    }
}
