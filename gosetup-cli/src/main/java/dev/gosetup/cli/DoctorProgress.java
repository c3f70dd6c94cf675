package dev.gosetup.cli;

import dev.gosetup.core.internal.Printable;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.doctor.CheckOutcome;
import dev.gosetup.core.doctor.DoctorListener;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Shows a doctor run while it goes, on stderr: on a terminal one line rewritten in place (how many
 * checks are done, which are running) and cleared before the report; otherwise one plain line
 * when the run starts, so a log says what the silence is. The runner calls it from one thread.
 */
final class DoctorProgress implements DoctorListener {
    private static final int WIDTH = 100;

    private final PrintWriter err;
    private final boolean terminal;
    private final int total;
    private final Set<String> running = new LinkedHashSet<>();
    private int done;
    private boolean shown;

    DoctorProgress(PrintWriter err, boolean terminal, int total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        if (!terminal) {
            err.println("gosetup: doctor: running " + total + " check" + (total == 1 ? "" : "s"));
            err.flush();
        }
    }

    @Override
    public void started(ReadinessCheck check) {
        running.add(check.title());
        draw();
    }

    @Override
    public void finished(CheckOutcome outcome) {
        running.remove(outcome.title());
        done++;
        draw();
    }

    /** Removes the line from the terminal, before the report is printed. */
    void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }

    private void draw() {
        if (!terminal) {
            return;
        }
        String line = "gosetup: doctor: " + done + "/" + total + " done"
                + (running.isEmpty() ? "" : "; running: " + String.join(", ", running));
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH - 3) + "...";
        }
        err.print("\r\033[K" + Printable.line(line));
        err.flush();
        shown = true;
    }
}
