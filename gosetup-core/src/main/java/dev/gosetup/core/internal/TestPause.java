package dev.gosetup.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST-ONLY: stops the process at a named point so that a test can kill it there with a real
 * SIGKILL (the debris tests). Does nothing unless the system property
 * {@code gosetup.test.pauseAt} names the point; no user and no embedder sets it. When it matches,
 * the process writes the point's name to the file named by {@code gosetup.test.pauseMarker} (if
 * set) and sleeps until it is killed.
 *
 * <p>Points: {@code after-commit} (a toolchain renamed into {@code toolchains/}, its staging
 * directory not yet removed), {@code uninstall-trash} (a toolchain renamed into {@code trash/}, not
 * yet deleted), {@code journal-kept} (an apply's contents kept in {@code journal/blobs/}, its
 * entry not yet saved), {@code before-rename:<directory name>/<file name>} (a file's temporary copy
 * written, not yet renamed over it; e.g. {@code before-rename:go/env}). A property value ending in
 * {@code *} matches every point starting with what comes before it
 * ({@code before-rename:journal/*}).
 */
public final class TestPause {
    private static final String PAUSE_AT = System.getProperty("gosetup.test.pauseAt", "");

    private TestPause() {
    }

    /**
     * Pauses here for ever when the test property names this point; else returns at once.
     *
     * @param point the point's name
     */
    public static void at(String point) {
        if (PAUSE_AT.isEmpty() || !matches(point)) {
            return;
        }
        String marker = System.getProperty("gosetup.test.pauseMarker", "");
        if (!marker.isEmpty()) {
            try {
                Files.writeString(Path.of(marker), point + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("test pause: cannot write " + marker, e);
            }
        }
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Paused means paused: only the test's kill ends this.
            }
        }
    }

    private static boolean matches(String point) {
        return PAUSE_AT.endsWith("*") ? point.startsWith(PAUSE_AT.substring(0, PAUSE_AT.length() - 1))
                : point.equals(PAUSE_AT);
    }
}
