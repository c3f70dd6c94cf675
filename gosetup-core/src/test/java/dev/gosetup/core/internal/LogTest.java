package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gosetup's lazy loggers against the JDK's default back end (java.util.logging): same name, same
 * levels, and the record names the class that logged, not the wrapper.
 */
class LogTest {
    private final Logger jul = Logger.getLogger(LogTest.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            record.getSourceClassName(); // inferred from the stack now, as a formatter does while publishing
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void listen() {
        before = jul.getLevel();
        jul.addHandler(capture);
    }

    @AfterEach
    void stop() {
        jul.removeHandler(capture);
        jul.setLevel(before);
    }

    @Test
    void logsToThePlatformLoggerOfTheClassNameWithItsLevelsAndTheRealCaller() {
        System.Logger log = Log.of(LogTest.class);
        assertThat(log.getName()).isEqualTo(LogTest.class.getName());

        jul.setLevel(Level.INFO);
        assertThat(log.isLoggable(System.Logger.Level.DEBUG)).isFalse();
        log.log(System.Logger.Level.DEBUG, () -> "not shown");
        assertThat(records).isEmpty();

        jul.setLevel(Level.ALL);
        assertThat(log.isLoggable(System.Logger.Level.DEBUG)).isTrue();
        log.log(System.Logger.Level.DEBUG, "installed {0} in {1} ms", "go1.22.12", 5);
        log.log(System.Logger.Level.WARNING, () -> "a warning", new IllegalStateException("why"));

        assertThat(records).hasSize(2);
        LogRecord debug = records.get(0);
        assertThat(debug.getLevel()).isEqualTo(Level.FINE);
        assertThat(debug.getLoggerName()).isEqualTo(LogTest.class.getName());
        assertThat(debug.getParameters()).containsExactly("go1.22.12", 5);
        assertThat(debug.getSourceClassName()).as("the caller, not the wrapper").isEqualTo(LogTest.class.getName());
        assertThat(debug.getSourceMethodName()).isEqualTo("logsToThePlatformLoggerOfTheClassNameWithItsLevelsAndTheRealCaller");
        assertThat(records.get(1).getThrown()).hasMessage("why");
    }
}
