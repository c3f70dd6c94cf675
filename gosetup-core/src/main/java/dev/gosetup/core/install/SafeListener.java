package dev.gosetup.core.install;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps a listener's exceptions from breaking an install, and serializes its callbacks, which come
 * from the installing thread and the download thread (as {@link InstallListener} promises).
 */
record SafeListener(InstallListener delegate) implements InstallListener {
    private static final System.Logger LOG = System.getLogger(GoInstaller.class.getName());

    static InstallListener wrap(InstallListener listener) {
        return new SafeListener(Objects.requireNonNull(listener, "listener"));
    }

    private synchronized void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "an install listener threw; ignoring it", e);
        }
    }

    @Override
    public void resolving(VersionSpec spec) {
        guard(() -> delegate.resolving(spec));
    }

    @Override
    public void warning(String message) {
        guard(() -> delegate.warning(message));
    }

    @Override
    public void extractionProgress(long archiveBytes, long archiveSize) {
        guard(() -> delegate.extractionProgress(archiveBytes, archiveSize));
    }

    @Override
    public void resolved(Release release, ReleaseFile archive) {
        guard(() -> delegate.resolved(release, archive));
    }

    @Override
    public void downloadStarted(URI uri, long offset, long total) {
        guard(() -> delegate.downloadStarted(uri, offset, total));
    }

    @Override
    public void downloadProgress(long bytes, long total) {
        guard(() -> delegate.downloadProgress(bytes, total));
    }

    @Override
    public void skipped(String check, String reason) {
        guard(() -> delegate.skipped(check, reason));
    }

    @Override
    public void retrying(URI uri, int attempt, Duration delay, String reason) {
        guard(() -> delegate.retrying(uri, attempt, delay, reason));
    }

    @Override
    public void verifying(ReleaseFile archive) {
        guard(() -> delegate.verifying(archive));
    }

    @Override
    public void extracting(long entries, long bytes) {
        guard(() -> delegate.extracting(entries, bytes));
    }

    @Override
    public void committing(Path goroot) {
        guard(() -> delegate.committing(goroot));
    }

    @Override
    public void failed(GoSetupException error) {
        guard(() -> delegate.failed(error));
    }

    @Override
    public void done(Toolchain toolchain, boolean alreadyInstalled) {
        guard(() -> delegate.done(toolchain, alreadyInstalled));
    }
}
