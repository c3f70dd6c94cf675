package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** LogCapture driven by hand, as JUnit would drive it around a test. */
class LogCaptureTest {
    @Test
    void recordsEveryLevelUnderTheNameFiltersByLevelAndRestoresTheLoggerAfterwards() {
        Logger parent = Logger.getLogger("dev.gosetup.testkit.capturetest");
        parent.setLevel(Level.WARNING);
        LogCapture capture = LogCapture.of("dev.gosetup.testkit.capturetest");
        System.Logger child = System.getLogger("dev.gosetup.testkit.capturetest.Child");

        capture.beforeEach(null);
        child.log(System.Logger.Level.DEBUG, "installed {0}", "go1.22.12");
        child.log(System.Logger.Level.WARNING, "plain http to mirror.test", new IllegalStateException("why"));
        System.getLogger("dev.gosetup.elsewhere").log(System.Logger.Level.WARNING, "not under the name");

        assertThat(capture.messages(System.Logger.Level.DEBUG)).containsExactly("installed go1.22.12", "plain http to mirror.test");
        assertThat(capture.messages(System.Logger.Level.WARNING)).containsExactly("plain http to mirror.test");
        assertThat(capture.lines()).hasSize(2);
        assertThat(capture.lines().get(1)).contains("WARNING", "IllegalStateException: why");
        assertThat(capture.records().get(0).getSourceClassName()).isEqualTo(LogCaptureTest.class.getName());

        capture.afterEach(null);
        assertThat(parent.getLevel()).isEqualTo(Level.WARNING);
        assertThat(capture.records()).isEmpty();
        child.log(System.Logger.Level.WARNING, "after the test");
        assertThat(capture.records()).isEmpty();
    }
}
