package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.testkit.GoDevIndex;
import dev.gosetup.testkit.MirrorServer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library logs routine events at DEBUG/TRACE only, so an embedder's default logging (INFO to
 * stderr) shows nothing; --debug shows gosetup's loggers and not the JDK's.
 */
class LoggingTest {
    @TempDir
    Path tmp;

    @Test
    void routineEventsOfTheLibraryAreBelowInfo() throws Exception {
        List<LogRecord> loud = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("dev.gosetup")
                        && record.getLevel().intValue() >= Level.INFO.intValue()) {
                    loud.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        GoDevIndex.write(mirror.resolve(GoDevIndex.INDEX_FILENAME), List.of());
        try (MirrorServer server = MirrorServer.start(mirror)) {
            Path home = tmp.resolve("store");
            // A toolchain directory with a broken receipt (an interrupted copy by hand).
            Path broken = Files.createDirectories(home.resolve("toolchains/go1.99.0.linux-amd64"));
            Files.writeString(broken.resolve(ToolchainStore.RECEIPT), "{ not json");
            GoInstaller installer = GoInstaller.builder(Map.of()).home(home).index(server.indexUri()).build();
            assertThat(installer.installed()).isEmpty();
            // A 503 the downloader retries.
            server.failNext(1, 503);
            try {
                installer.releases();
            } catch (RuntimeException expected) {
                // an empty index may be refused; the retry happened before
            }
            assertThat(server.requestLog()).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        assertThat(loud).as("records at INFO or above: %s", loud.stream()
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList()).isEmpty();
    }

    @Test
    void debugShowsGosetupsLoggersAndNotTheJdks() {
        StringWriter err = new StringWriter();
        assertThat(GoSetupCommand.run(new String[] {"list", "--debug", "--home", tmp.resolve("store").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), Map.of())).isZero();
        // What TLS and the HTTP client log at DEBUG (certificate dumps) and what gosetup logs.
        System.getLogger("jdk.event.security").log(System.Logger.Level.DEBUG, "X509Certificate: Alg:SHA256withRSA");
        System.getLogger("jdk.internal.httpclient.debug").log(System.Logger.Level.DEBUG, "HttpClientImpl started");
        System.getLogger("dev.gosetup.core.install.GoInstaller").log(System.Logger.Level.DEBUG, "resolved go1.22.12");
        assertThat(err.toString()).contains("resolved go1.22.12 [dev.gosetup.core.install.GoInstaller]")
                .doesNotContain("X509Certificate").doesNotContain("HttpClientImpl");

        StringWriter quiet = new StringWriter();
        assertThat(GoSetupCommand.run(new String[] {"list", "--home", tmp.resolve("store").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(quiet, true), Map.of())).isZero();
        System.getLogger("dev.gosetup.core.install.GoInstaller").log(System.Logger.Level.DEBUG, "resolved go1.22.12");
        assertThat(quiet.toString()).isEmpty();
    }
}
