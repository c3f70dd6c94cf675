package dev.gosetup.cli;

import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.Printable;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows an install's progress on stderr: a redrawn bar on a terminal, plain lines otherwise (a
 * line per phase and one per 10% of the download), so CI logs stay readable.
 */
final class ProgressReporter implements InstallListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean silent;
    private String archive;
    private int lastDecile = -1;
    private boolean barShown;
    private boolean extractionShown;
    private long downloaded;
    private long downloadTotal;
    private long extractedFiles;
    private long extractedBytes;
    private int extractedPercent = -1;
    private int lastExtractQuarter;
    private long lastDraw;

    ProgressReporter(PrintWriter err, boolean terminal) {
        this(err, terminal, false);
    }

    private ProgressReporter(PrintWriter err, boolean terminal, boolean silent) {
        this.err = err;
        this.terminal = terminal;
        this.silent = silent;
    }

    /**
     * A reporter for --quiet: no progress, only warnings, and it still knows which archive the
     * install fetches.
     */
    static ProgressReporter silent(PrintWriter err) {
        return new ProgressReporter(err, false, true);
    }

    /** The file name of the archive being installed, once resolved. */
    java.util.Optional<String> archive() {
        return java.util.Optional.ofNullable(archive);
    }

    /** Ends a progress bar left on the line, so that what follows starts on a line of its own. */
    void end() {
        if (barShown) {
            err.println();
            err.flush();
            barShown = false;
        }
    }

    static ProgressReporter forStderr(PrintWriter err) {
        return new ProgressReporter(err, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    private void line(String text) {
        if (silent) {
            return;
        }
        if (barShown) {
            err.print("\r\033[K");
            barShown = false;
        }
        err.println("gosetup: " + Printable.escape(text));
        err.flush();
    }

    @Override
    public void resolving(VersionSpec spec) {
        line("resolving " + spec);
    }

    @Override
    public void resolved(Release release, ReleaseFile archive) {
        this.archive = archive.filename();
        line("resolved " + release.version() + ": " + archive.filename() + " (" + mib(archive.size()) + ")");
    }

    @Override
    public void downloadStarted(URI uri, long offset, long total) {
        line((offset > 0 ? "resuming at " + mib(offset) + " " : "downloading ") + uri);
        lastDecile = -1;
    }

    @Override
    public void downloadProgress(long bytes, long total) {
        if (total <= 0) {
            return;
        }
        downloaded = bytes;
        downloadTotal = total;
        int percent = (int) Math.min(100, bytes * 100 / total);
        if (terminal) {
            redraw(bytes >= total);
        } else if (percent / 10 > lastDecile) {
            lastDecile = percent / 10;
            line("downloaded " + percent + "% (" + mib(bytes) + " of " + mib(total) + ")");
        }
    }

    /** One status line on a terminal: the download bar and, once it runs, the extraction count. */
    private void redraw(boolean force) {
        if (silent) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int percent = downloadTotal > 0 ? (int) Math.min(100, downloaded * 100 / downloadTotal) : 0;
        int filled = percent * WIDTH / 100;
        String status = "\r[" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%% %s / %s", percent, mib(downloaded), mib(downloadTotal))
                + (extractedFiles > 0 ? String.format(Locale.ROOT, "  extracted %d files, %s%s", extractedFiles,
                        mib(extractedBytes), extractedPercent >= 0 ? " (" + extractedPercent + "% of the archive)" : "")
                        : "");
        err.print(status + "\033[K");
        err.flush();
        barShown = true;
    }

    @Override
    public void retrying(URI uri, int attempt, Duration delay, String reason) {
        line("attempt " + attempt + " failed (" + reason + "); retrying in " + Durations.human(delay));
    }

    @Override
    public void warning(String message) {
        // Shown even with --quiet: it is not progress, it says the result differs from the request.
        if (barShown) {
            err.print("\r\033[K");
            barShown = false;
        }
        err.println("gosetup: warning: " + message);
        err.flush();
    }

    @Override
    public void verifying(ReleaseFile archive) {
        line("verifying sha256 " + archive.sha256());
    }

    @Override
    public void extracting(long entries, long bytes) {
        extractedFiles = entries;
        extractedBytes = bytes;
        if (terminal) {
            redraw(false);
        } else if (!extractionShown) {
            extractionShown = true;
            line("extracting while downloading");
        }
    }

    @Override
    public void extractionProgress(long archiveBytes, long archiveSize) {
        if (archiveSize <= 0) {
            return;
        }
        extractedPercent = (int) Math.min(100, archiveBytes * 100 / archiveSize);
        // On a terminal the extracting() that follows redraws the bar with it.
        if (!terminal && extractedPercent / 25 > lastExtractQuarter) {
            lastExtractQuarter = extractedPercent / 25;
            line("extracted " + extractedPercent + "% of the archive (" + extractedFiles + " files, "
                    + mib(extractedBytes) + ")");
        }
    }

    @Override
    public void committing(Path goroot) {
        line("installing into " + goroot);
    }

    @Override
    public void skipped(String check, String reason) {
        line("note: " + check + " not run: " + reason);
    }

    /** Ends the bar's line, so that the error the command prints next starts on a line of its own. */
    @Override
    public void failed(GoSetupException error) {
        end();
    }

    @Override
    public void done(Toolchain toolchain, boolean alreadyInstalled) {
        line(toolchain.version() + (alreadyInstalled ? " is already installed" : " installed"));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
