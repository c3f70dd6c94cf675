package dev.gosetup.core.internal;

import java.time.Duration;
import java.util.Locale;

/** Durations in messages people read, written the one way gosetup writes them. Stateless. */
public final class Durations {
    private Durations() {
    }

    /**
     * Formats a duration as people write it, in the largest unit that keeps it short: {@code 250ms},
     * {@code 3s}, {@code 1.5s}, {@code 2m} (whole minutes only; {@code 90s} stays seconds). The same
     * form the checklist accepts for timeouts, so a message can be pasted back into a checklist.
     *
     * @param duration a duration; negative ones are formatted as their millisecond count
     * @return e.g. {@code 700ms}; sub-millisecond parts are dropped
     */
    public static String human(Duration duration) {
        long ms = duration.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
