package dev.gosetup.testkit;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that records what gosetup logs under a logger name during each test, at
 * every level, through java.util.logging (the JDK's default back end of {@link System.Logger}):
 * <pre>{@code
 * @RegisterExtension
 * final LogCapture log = LogCapture.of("dev.gosetup.core.http");
 * ...
 * assertThat(log.messages(System.Logger.Level.WARNING)).anyMatch(m -> m.contains("plain http"));
 * }</pre>
 * Before each test the logger is opened to every level and a handler added; after it both are
 * undone and the records dropped. Thread-safe while recording.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            record.getSourceClassName(); // inferred from the stack now, while the caller is on it
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    private LogCapture(String name) {
        this.logger = Logger.getLogger(Objects.requireNonNull(name, "name"));
    }

    /**
     * Records what is logged under a logger name (its children included, e.g. a package).
     *
     * @param name a logger name: a class or package name
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(handler);
        logger.setLevel(previous);
        records.clear();
    }

    /**
     * Returns the records logged so far in this test.
     *
     * @return a copy, oldest first
     */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Returns the messages logged so far at a level or above, with their parameters filled in.
     *
     * @param atLeast the lowest level, e.g. {@code DEBUG} for everything gosetup logs routinely
     * @return the messages, oldest first
     */
    public List<String> messages(System.Logger.Level atLeast) {
        int lowest = julLevel(atLeast).intValue();
        return records.stream().filter(r -> r.getLevel().intValue() >= lowest).map(formatter::formatMessage).toList();
    }

    /**
     * Returns each record as java.util.logging's {@link SimpleFormatter} writes it: time, source,
     * level, message and any exception's stack trace, as a person would see it on a console.
     *
     * @return the lines, oldest first
     */
    public List<String> lines() {
        return records.stream().map(formatter::format).toList();
    }

    private static Level julLevel(System.Logger.Level level) {
        return switch (level) {
            case ALL -> Level.ALL;
            case TRACE -> Level.FINER;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            case OFF -> Level.OFF;
        };
    }
}
