package dev.gosetup.core.install;

import dev.gosetup.api.InstallListener;
import dev.gosetup.core.http.HttpDownloader;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Relays the HTTP client's events to the install listener and, when an extraction reads the file
 * while it downloads, tells the extracting reader how far the download got. The one relay for every
 * download of an install: archives from the index, toolchain modules from a proxy.
 *
 * @param events the install's listener
 * @param growing the reader extracting the file as it grows, if any
 */
record DownloadRelay(InstallListener events, Optional<GrowingFileInputStream> growing)
        implements HttpDownloader.Listener {

    /** A relay for a download nobody reads while it is written. */
    DownloadRelay(InstallListener events) {
        this(events, Optional.empty());
    }

    @Override
    public void started(URI uri, long offset, long total) {
        growing.ifPresent(g -> g.started(offset));
        events.downloadStarted(uri, offset, total);
    }

    @Override
    public void progress(long bytes, long total) {
        growing.ifPresent(g -> g.progress(bytes));
        events.downloadProgress(bytes, total);
    }

    @Override
    public void retrying(URI uri, int attempt, Duration delay, String reason) {
        // The downloader numbers the coming attempt (2 for the first retry); a listener is told the failed one.
        events.retrying(uri, attempt - 1, delay, reason);
    }
}
