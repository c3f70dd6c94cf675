package dev.gosetup.core.http;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.http.RetryPolicy.Retry;
import dev.gosetup.core.internal.Sha256;
import dev.gosetup.core.internal.StorageFailures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;

/**
 * The state of one download into a file (the caller's {@code .part}): the bytes on disk and the SHA-256 of exactly
 * those bytes. Adopts what an earlier attempt or process left, asks for the rest with {@code Range} and
 * {@code If-Range}, starts over when the server ignores the range or the file changed, never writes more than the
 * expected size, and holds back the first bytes until they show the body is not an HTML page. A cancelled or failed
 * attempt leaves the bytes received on disk, ready to be resumed. One instance per call, used by one thread.
 */
final class ResumableTransfer {
    private static final System.Logger LOG = System.getLogger(ResumableTransfer.class.getName());
    private static final int CHUNK = Exchange.CHUNK;

    private final Exchange exchange;
    private final int maxAttempts;
    private final URI uri;
    private final Path file;
    private final long expected;
    private final HttpDownloader.Listener listener;
    private final MessageDigest digest = Sha256.digest();
    private long onDisk;
    private long lastReported;
    private Optional<String> validator = Optional.empty();

    // Per response:
    private FileChannel channel;
    private boolean restartPending;
    private long total;
    private ByteArrayOutputStream sniffed;

    ResumableTransfer(Exchange exchange, int maxAttempts, URI uri, Path file, long expected,
            HttpDownloader.Listener listener) {
        this.exchange = exchange;
        this.maxAttempts = maxAttempts;
        this.uri = uri;
        this.file = file;
        this.expected = expected;
        this.listener = listener;
    }

    /** The bytes on disk, hashed. */
    long onDisk() {
        return onDisk;
    }

    /**
     * Hashes the bytes an earlier attempt or process left, or truncates them when they cannot be a prefix.
     *
     * @return true when the file already holds the expected size: nothing to download
     */
    boolean adoptExistingFile(BooleanSupplier cancelled) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            long size = Files.size(file);
            if (expected >= 0 && size > expected) {
                LOG.log(Level.DEBUG, () -> file + " holds " + size + " bytes, more than the expected " + expected
                        + "; downloading again");
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(0);
                }
                return false;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[CHUNK];
                long hashed = 0;
                for (int n = in.read(buffer); n >= 0 && hashed < size; n = in.read(buffer)) {
                    int used = (int) Math.min(n, size - hashed);
                    digest.update(buffer, 0, used);
                    hashed += used;
                    Exchange.checkCancelled(cancelled, uri, "download");
                }
                onDisk = hashed;
            }
            if (onDisk > 0) {
                LOG.log(Level.DEBUG, () -> "resuming " + file + " from byte " + onDisk);
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        if (expected >= 0 && onDisk == expected) {
            LOG.log(Level.DEBUG, () -> file + " already holds all " + expected + " bytes of " + Urls.redact(uri)
                    + "; nothing to download");
            return true;
        }
        return false;
    }

    /** One request for the bytes not yet on disk. */
    HttpDownloader.Result attempt(int attempt, BooleanSupplier cancelled) throws Retry {
        long offset = onDisk;
        HttpRequest.Builder request = exchange.request(uri);
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
            validator.ifPresent(v -> request.header("If-Range", v));
        }
        LOG.log(Level.DEBUG, () -> "GET " + Urls.redact(uri) + " (attempt " + attempt + " of " + maxAttempts
                + ", from byte " + offset + ")");
        HttpResponse<BodyQueue> response = exchange.send(request.build(), cancelled, "download");
        BodyQueue body = response.body();
        try {
            ResponseChecks.checkFinalUri(response, uri, exchange.allowInsecureHttp());
            int status = response.statusCode();
            if (status == 416 && offset > 0) {
                return rangeNotSatisfiable(response);
            }
            ResponseChecks.checkStatus(response, uri);
            ResponseChecks.checkNotHtml(response, uri);
            long start;
            if (status == 206) {
                Matcher range = ResponseChecks.CONTENT_RANGE.matcher(
                        response.headers().firstValue("Content-Range").orElse(""));
                if (!range.matches() || ResponseChecks.number(range.group(1)) != offset) {
                    truncate();
                    throw new Retry("the server sent an unexpected range ("
                            + response.headers().firstValue("Content-Range").orElse("no Content-Range")
                            + ") for bytes " + offset + "-; starting again from the beginning", null);
                }
                start = offset;
                total = ResponseChecks.number(range.group(3));
            } else if (status == 200) {
                start = 0;
                total = ResponseChecks.contentLength(response);
                if (offset > 0) {
                    LOG.log(Level.DEBUG, () -> Urls.redact(uri) + " ignored the range request (or the file"
                            + " changed); downloading it again from the start");
                }
            } else {
                throw new NetworkException("unexpected HTTP " + status + " from " + Urls.redact(uri),
                        List.of("check the URL"));
            }
            if (expected >= 0 && total >= 0 && total != expected) {
                throw sizeMismatch(total);
            }
            validator = ResponseChecks.validatorOf(response);
            return receive(body, start, cancelled);
        } finally {
            body.close();
        }
    }

    private HttpDownloader.Result rangeNotSatisfiable(HttpResponse<?> response) throws Retry {
        Matcher m = ResponseChecks.UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        long serverSize = m.matches() ? ResponseChecks.number(m.group(1)) : -1;
        long target = expected >= 0 ? expected : serverSize;
        if (target >= 0 && onDisk == target && (serverSize < 0 || serverSize == onDisk)) {
            LOG.log(Level.DEBUG, () -> file + " is already complete (" + onDisk + " bytes)");
            return result();
        }
        if (expected >= 0 && serverSize >= 0 && serverSize != expected) {
            throw sizeMismatch(serverSize);
        }
        long from = onDisk;
        truncate();
        throw new Retry("the server cannot serve bytes from " + from + " on (HTTP 416); starting again from"
                + " the beginning", null);
    }

    private HttpDownloader.Result receive(BodyQueue body, long start, BooleanSupplier cancelled) throws Retry {
        restartPending = start == 0 && onDisk > 0;
        long known = expected >= 0 ? expected : total;
        sniffed = start == 0 ? new ByteArrayOutputStream(ResponseChecks.SNIFF_BYTES) : null;
        lastReported = start;
        listener.started(uri, start, known);
        try {
            exchange.readBody(body, uri, "download", cancelled, this::accept, () -> restartPending ? 0 : onDisk);
            if (sniffed != null) {
                flushSniffed();
            }
            if (restartPending) {
                // An empty 200 body: the file is now empty too.
                openChannel();
            }
        } finally {
            closeChannel();
        }
        if (onDisk != lastReported) {
            listener.progress(onDisk, known);
            lastReported = onDisk;
        }
        if (known >= 0 && onDisk < known) {
            throw new Retry("the body ended after " + onDisk + " of " + known + " bytes", null);
        }
        LOG.log(Level.DEBUG, () -> "downloaded " + Urls.redact(uri) + " (" + onDisk + " bytes) into " + file);
        return result();
    }

    private void accept(ByteBuffer buffer) {
        if (sniffed == null) {
            write(buffer);
            return;
        }
        // Hold back the first bytes until they show the body is not an HTML page.
        int take = Math.min(buffer.remaining(), ResponseChecks.SNIFF_BYTES - sniffed.size());
        byte[] bytes = new byte[take];
        buffer.get(bytes);
        sniffed.write(bytes, 0, take);
        if (sniffed.size() >= ResponseChecks.SNIFF_BYTES) {
            flushSniffed();
            if (buffer.hasRemaining()) {
                write(buffer);
            }
        }
    }

    private void flushSniffed() {
        byte[] head = sniffed.toByteArray();
        sniffed = null;
        if (ResponseChecks.looksLikeHtml(head, head.length)) {
            throw ResponseChecks.htmlInstead(uri);
        }
        write(ByteBuffer.wrap(head));
    }

    private void write(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (n == 0) {
            return;
        }
        long base = restartPending ? 0 : onDisk;
        if (expected >= 0 && base + n > expected) {
            throw new VerificationException(Urls.redact(uri) + " is larger than the index says: more than "
                    + expected + " bytes",
                    List.of("the server does not have the file the index describes; check the mirror, or use"
                            + " https://go.dev/dl/"));
        }
        try {
            openChannel();
            digest.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        onDisk += n;
        if (onDisk - lastReported >= CHUNK) {
            listener.progress(onDisk, expected >= 0 ? expected : total);
            lastReported = onDisk;
        }
    }

    private void openChannel() {
        try {
            if (channel == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            if (restartPending) {
                channel.truncate(0);
                digest.reset();
                onDisk = 0;
                restartPending = false;
            }
            channel.position(onDisk);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw cannotWrite(e);
        } finally {
            channel = null;
        }
    }

    private void truncate() {
        try {
            if (Files.exists(file)) {
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(0);
                }
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        digest.reset();
        onDisk = 0;
        validator = Optional.empty();
    }

    /** Copies a {@code file:} source whole: local, so no resume and no retries. */
    HttpDownloader.Result copyFile(BooleanSupplier cancelled) {
        Path source = Urls.toPath(uri);
        Exchange.checkCancelled(cancelled, uri, "download");
        try {
            if (Files.exists(file) && Files.isSameFile(source, file)) {
                throw new InvalidConfigurationException("cannot download " + Urls.redact(uri)
                        + " onto itself", List.of("choose another target file"));
            }
            long size = Files.size(source);
            if (expected >= 0 && size != expected) {
                throw sizeMismatch(size);
            }
            listener.started(uri, 0, size);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (InputStream in = Files.newInputStream(source);
                 FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[CHUNK];
                long copied = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (expected >= 0 && copied + n > expected) {
                        throw sizeMismatch(copied + n);
                    }
                    digest.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    copied += n;
                    listener.progress(copied, size);
                    Exchange.checkCancelled(cancelled, uri, "download");
                }
                onDisk = copied;
            }
            return result();
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && Path.of(e.getFile()).equals(source)) {
                throw Urls.missingFile(uri, e);
            }
            throw cannotWrite(e);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private VerificationException sizeMismatch(long serverSize) {
        return new VerificationException(Urls.redact(uri) + " is " + (serverSize > expected ? "larger" : "smaller")
                + " than the index says: " + serverSize + " bytes instead of " + expected,
                List.of("the server does not have the file the index describes; check the mirror, or use"
                        + " https://go.dev/dl/"));
    }

    /**
     * A full disk or a refused write of the file: a {@link StorageException} naming it with the fix (free space, make
     * the directory writable). The bytes already written stay, as after any failed attempt, so that the download
     * resumes from them once there is room.
     */
    private StorageException cannotWrite(IOException e) {
        return StorageFailures.of("write", file, e);
    }

    HttpDownloader.Result result() {
        return new HttpDownloader.Result(onDisk, Sha256.hex(digest));
    }
}
