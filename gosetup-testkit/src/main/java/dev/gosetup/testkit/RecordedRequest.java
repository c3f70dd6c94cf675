package dev.gosetup.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request a {@link MirrorServer} received, recorded before it was answered.
 *
 * @param method  HTTP method, e.g. {@code GET}
 * @param path    decoded URL path, e.g. {@code /go1.22.12.linux-amd64.tar.gz} or {@code /dl/}
 * @param query   raw query string without {@code ?}, empty when there is none
 * @param headers request headers; look them up with {@link #header(String)}, which ignores case
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers) {

    /**
     * Validates and copies the components; header names become case-insensitive.
     *
     * @param method see the record description
     * @param path see the record description
     * @param query see the record description
     * @param headers see the record description
     * @throws NullPointerException if a component is null
     */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * The first value of a request header.
     *
     * @param name header name, any case (e.g. {@code Range})
     * @return the value, or empty if the request did not carry the header
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
