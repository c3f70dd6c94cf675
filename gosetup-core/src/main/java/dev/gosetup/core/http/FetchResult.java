package dev.gosetup.core.http;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A small body fetched whole by {@link HttpDownloader#fetch}, with the validators the server sent for it.
 *
 * <p>The body array is not copied, neither on the way in nor on the way out (an index can be megabytes): treat
 * it as read-only. {@link #equals} and {@link #hashCode} compare the content; {@link #toString()} shows only its
 * length.
 *
 * @param body         the body's bytes
 * @param etag         the {@code ETag} response header, as sent (quotes and {@code W/} included); empty for
 *                     {@code file:} URIs or when the server sent none
 * @param lastModified the {@code Last-Modified} response header, as sent; empty when absent
 */
public record FetchResult(byte[] body, Optional<String> etag, Optional<String> lastModified) {

    /**
     * Validates the components.
     *
     * @param body         see the record description
     * @param etag         see the record description
     * @param lastModified see the record description
     * @throws NullPointerException if a component is null
     */
    public FetchResult {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FetchResult that && Arrays.equals(body, that.body) && etag.equals(that.etag)
                && lastModified.equals(that.lastModified);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(body), etag, lastModified);
    }

    @Override
    public String toString() {
        return "FetchResult[" + body.length + " bytes, etag=" + etag.orElse("-") + ", lastModified="
                + lastModified.orElse("-") + "]";
    }
}
