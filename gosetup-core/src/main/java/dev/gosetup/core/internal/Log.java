package dev.gosetup.core.internal;

import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * gosetup's loggers: {@link System.Logger}s that ask the platform for the real logger on their
 * first use instead of when their class is initialized, with the platform's logging back end
 * started on a background thread meanwhile.
 *
 * <p>Why: in a JVM where nothing has logged yet, the first {@code System.getLogger} of an
 * application class costs 25–35 ms here (the JDK looks for a {@code System.LoggerFinder} on the
 * whole class path, then starts {@code java.util.logging}). With a {@code static final} logger
 * per class that cost landed on the first call into gosetup, e.g. the first hermetic Go
 * environment of a JVM; now it overlaps with that call's own work on another core, and a call that
 * logs nothing never waits for it. What is logged, and where, is unchanged: each logger is the
 * platform's logger of the same name.
 *
 * <p>Thread-safe. The background thread is a daemon, started once per class loader of this class,
 * and ends as soon as the back end is up.
 */
public final class Log {
    private static final Object STARTED = startBackEnd();

    private Log() {
    }

    /**
     * Returns the logger named after a class, resolved on first use.
     *
     * @param owner the class that logs
     * @return its logger
     */
    public static System.Logger of(Class<?> owner) {
        Objects.requireNonNull(STARTED);
        return new Lazy(owner.getName());
    }

    private static Object startBackEnd() {
        try {
            Thread warm = new Thread(() -> System.getLogger(Log.class.getName()), "gosetup-logging-start");
            warm.setDaemon(true);
            warm.start();
        } catch (RuntimeException | Error e) { // e.g. no threads allowed: the first log call starts it instead
            return e;
        }
        return Boolean.TRUE;
    }

    /** A named logger that gets its delegate from the platform when first asked. */
    private static final class Lazy implements System.Logger {
        private final String name;
        private volatile System.Logger delegate;

        Lazy(String name) {
            this.name = name;
        }

        private System.Logger delegate() {
            System.Logger d = delegate;
            if (d == null) {
                d = System.getLogger(name);
                delegate = d;
            }
            return d;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return delegate().isLoggable(level);
        }

        @Override
        public void log(Level level, String msg) {
            delegate().log(level, msg);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            delegate().log(level, msgSupplier);
        }

        @Override
        public void log(Level level, Object obj) {
            delegate().log(level, obj);
        }

        @Override
        public void log(Level level, String msg, Throwable thrown) {
            delegate().log(level, msg, thrown);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier, Throwable thrown) {
            delegate().log(level, msgSupplier, thrown);
        }

        @Override
        public void log(Level level, String format, Object... params) {
            delegate().log(level, format, params);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            delegate().log(level, bundle, msg, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            delegate().log(level, bundle, format, params);
        }

        @Override
        public String toString() {
            return "Log[" + name + "]";
        }
    }
}
