package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The install progress a person reads: extraction has a total, and a cancelled bar ends its line. */
class ProgressReporterTest {
    private static final long ARCHIVE = 75L * 1024 * 1024;

    @Test
    void extractionReportsAFractionOfTheArchiveInPlainLines() {
        StringWriter text = new StringWriter();
        ProgressReporter progress = new ProgressReporter(new PrintWriter(text, true), false);
        progress.downloadProgress(ARCHIVE, ARCHIVE); // the download is done; files are still being written
        for (long read = 0; read <= ARCHIVE; read += ARCHIVE / 20) {
            progress.extractionProgress(read, ARCHIVE);
            progress.extracting(read / 5000, read * 3);
        }
        assertThat(text.toString().lines().filter(l -> l.contains("extracted")).toList()).hasSize(4)
                .first().asString().startsWith("gosetup: extracted 25% of the archive (");
        assertThat(text.toString()).contains("gosetup: extracted 100% of the archive");
    }

    @Test
    void onATerminalTheBarShowsTheExtractionShareAndEndEndsItsLine() {
        StringWriter text = new StringWriter();
        ProgressReporter progress = new ProgressReporter(new PrintWriter(text, true), true);
        progress.extractionProgress(ARCHIVE / 2, ARCHIVE);
        progress.extracting(1000, 10L * 1024 * 1024);
        assertThat(text.toString()).contains("extracted 1000 files, 10.0 MiB (50% of the archive)")
                .doesNotEndWith("\n");
        progress.end(); // Ctrl-C: what follows starts on a line of its own
        assertThat(text.toString()).endsWith("\n");
    }

    @Test
    void aFailedInstallEndsTheBarsLineBeforeTheErrorIsPrinted() {
        StringWriter text = new StringWriter();
        ProgressReporter progress = new ProgressReporter(new PrintWriter(text, true), true);
        progress.downloadProgress(ARCHIVE / 4, ARCHIVE);
        assertThat(text.toString()).contains("25%").doesNotEndWith("\n");
        progress.failed(new dev.gosetup.api.StorageException("cannot write /store/staging/x: No space left on device",
                java.util.List.of("free space"), null));
        assertThat(text.toString()).endsWith("\n");
        progress.end(); // the command's finally: no second empty line
        assertThat(text.toString()).doesNotEndWith("\n\n");
    }
}
