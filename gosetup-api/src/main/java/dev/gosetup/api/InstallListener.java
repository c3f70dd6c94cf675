package dev.gosetup.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Hears the phases of a toolchain install: {@link #resolving}, {@link #resolved}, then either
 * {@link #done} with {@code alreadyInstalled} true, or {@link #downloadStarted},
 * {@link #downloadProgress}... interleaved with {@link #extracting}..., then {@link #verifying},
 * {@link #committing}, {@link #done}. {@link #retrying} may come during the download. An install
 * that fails ends with {@link #failed} instead of {@link #done}.
 *
 * <p>Every method has a no-op default, so a listener overrides only what it shows. Extraction
 * overlaps the download, so download and extraction callbacks interleave, and some come from a
 * worker thread; they never come two at once, and each happens-before the next. Callbacks must
 * return quickly; an exception thrown by one is logged and otherwise ignored. Progress callbacks
 * come at most every 64 KiB.
 */
public interface InstallListener {

    /** A listener that ignores everything. */
    InstallListener NOOP = new InstallListener() { };

    /**
     * The installer is finding the release a spec means.
     *
     * @param spec what was asked for
     */
    default void resolving(VersionSpec spec) {
    }

    /**
     * The spec resolved to a release and an archive for the platform.
     *
     * @param release the release
     * @param archive the archive that will be installed
     */
    default void resolved(Release release, ReleaseFile archive) {
    }

    /**
     * A download is starting or resuming.
     *
     * @param uri where from
     * @param offset bytes already on disk from an earlier, interrupted attempt
     * @param total the archive's size according to the index
     */
    default void downloadStarted(URI uri, long offset, long total) {
    }

    /**
     * Bytes arrived.
     *
     * @param bytes bytes of the archive on disk so far
     * @param total the archive's size according to the index
     */
    default void downloadProgress(long bytes, long total) {
    }

    /**
     * A transfer failed and will be tried again after a pause.
     *
     * @param uri the URL being fetched
     * @param attempt the attempt that failed, from 1
     * @param delay the pause before the next attempt
     * @param reason what went wrong
     */
    default void retrying(URI uri, int attempt, Duration delay, String reason) {
    }

    /**
     * The archive is being checked against the SHA-256 and size of the trusted index.
     *
     * @param archive the archive's index entry
     */
    default void verifying(ReleaseFile archive) {
    }

    /**
     * Extraction progressed.
     *
     * @param entries entries extracted so far
     * @param bytes bytes written so far
     */
    default void extracting(long entries, long bytes) {
    }

    /**
     * How far extraction has read into the archive, reported just before each {@link #extracting}: the total
     * of an extraction known before its files are written, so progress can be shown as a fraction
     * of it. Not reported for zip archives, which are read by their central directory.
     *
     * @param archiveBytes compressed bytes of the archive extracted so far
     * @param archiveSize the archive's size, from the index
     */
    default void extractionProgress(long archiveBytes, long archiveSize) {
    }

    /**
     * Something failed that the install got around: the release index was unreachable and an
     * installed match is used, a cached archive did not match the index and is downloaded again, a
     * mirror failed and the next one is tried. The library only reports it here (and logs it at
     * DEBUG); whether a person sees it is the caller's choice.
     *
     * @param message one line naming the subject and what happened instead
     */
    default void warning(String message) {
    }

    /**
     * The staged toolchain passed its checks and is being moved into place.
     *
     * @param goroot where it will live
     */
    default void committing(Path goroot) {
    }

    /**
     * A check of the install was left out, e.g. running {@code go version} of a toolchain for
     * another platform, which cannot run on this host.
     *
     * @param check what was not checked, e.g. {@code "go version"}
     * @param reason why, one line
     */
    default void skipped(String check, String reason) {
    }

    /**
     * The install failed; the same exception is thrown to the caller of {@code ensure} right after
     * this returns. Called once per failed {@code ensure}, as its last callback, so a listener can
     * end what it shows (a progress line) before the caller reports the error. Not called when the
     * install is cancelled (a {@link CancelledException}): the caller cancelled it and knows;
     * nor for a failure the install got around, which is a {@link #warning}; nor for a bug (an
     * exception that is not a {@link GoSetupException}), which is thrown as it is.
     *
     * @param error what went wrong: a {@link NetworkException}, {@link VerificationException},
     *     {@link StorageException}, {@link NotFoundException}, {@link InvalidConfigurationException},
     *     or another {@link GoSetupException}, with its resolutions
     */
    default void failed(GoSetupException error) {
    }

    /**
     * The toolchain is ready.
     *
     * @param toolchain the toolchain
     * @param alreadyInstalled true when nothing had to be done
     */
    default void done(Toolchain toolchain, boolean alreadyInstalled) {
    }
}
