/**
 * gosetup's HTTP client, on the JDK's {@link java.net.http.HttpClient}: {@link dev.gosetup.core.http.HttpDownloader}
 * downloads archives (resumable, hashed) and fetches the release index; {@link dev.gosetup.core.http.ProxyConfig}
 * picks proxies from the environment. No third-party HTTP library, and no global state: nothing here sets
 * {@code ProxySelector.setDefault}, {@code Authenticator.setDefault} or a system property.
 *
 * <h2>Which URLs</h2>
 * <ul>
 *   <li>{@code https:} always.</li>
 *   <li>{@code http:} only to a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), or anywhere
 *       when the builder's {@code allowInsecureHttp(true)} was given. Otherwise an
 *       {@link dev.gosetup.api.InvalidConfigurationException} naming the URL is thrown before any connection or DNS
 *       lookup (loopback is judged from the spelling of the host, never by resolving it).</li>
 *   <li>{@code file:} for both {@code fetch} and {@code download}: a local copy with progress and hashing, no
 *       retries; a missing file is a {@link dev.gosetup.api.NotFoundException}.</li>
 *   <li>Any other scheme: {@link dev.gosetup.api.InvalidConfigurationException}.</li>
 *   <li>Redirects (301, 302, 303, 307, 308) are followed by the downloader itself, at most 10, each target
 *       checked before anything is sent to it: never from https to http, never to plain http on a host that is
 *       not loopback unless insecure http is allowed, never to {@code file:} or another scheme, never to a URL
 *       with credentials; a loop is reported as one. Each request over plain http to a host that is not
 *       loopback logs a WARNING, allowed or not.</li>
 *   <li>A URL with user information ({@code user:password@}) is refused: the credentials would not be sent,
 *       and a secret never reaches a message, a log or a file.</li>
 * </ul>
 *
 * <h2>Downloads</h2>
 * <ul>
 *   <li>Bytes already in the target file (from an earlier attempt or process) are hashed and the rest is requested
 *       with {@code Range: bytes=N-} and, once a response in the same call gave one, {@code If-Range} with its
 *       strong ETag or its Last-Modified date. A 200 answer to a range request truncates the file and starts over;
 *       a 416 with the file already complete ends the download. A file already at the expected size is hashed and
 *       returned without a request.</li>
 *   <li>The SHA-256 returned covers the whole file. The caller compares it with the trusted index.</li>
 *   <li>More bytes than the expected size are never written: a larger body is a
 *       {@link dev.gosetup.api.VerificationException} ("larger than the index says"), as is a server announcing a
 *       different size in {@code Content-Length} or {@code Content-Range}.</li>
 *   <li>An HTML page (a {@code text/html} Content-Type, or a body starting with {@code <!DOCTYPE html},
 *       {@code <html} ...) where an archive was expected is a {@link dev.gosetup.api.NetworkException} "got an
 *       HTML page instead of &lt;file&gt;", not retried: a captive portal or a wrong URL (golang/go#42796).
 *       {@code fetch} applies the same check.</li>
 * </ul>
 *
 * <h2>Failures, retries, timeouts</h2>
 * <ul>
 *   <li>Retried with exponential backoff and jitter (default 4 attempts in all, 250 ms doubling to at most 10 s;
 *       {@code Retry-After} honoured up to that cap), each retry resuming from what is on disk: connection
 *       failures, DNS failures, timeouts, bodies cut short, HTTP 408, 429 and 5xx.</li>
 *   <li>Not retried: 404 and 410 ({@link dev.gosetup.api.NotFoundException} naming the URL), other 4xx and
 *       unfollowed 3xx ({@link dev.gosetup.api.NetworkException}), TLS handshake failures (a certificate problem
 *       does not go away), HTML pages, size mismatches. When the attempts run out the
 *       {@link dev.gosetup.api.NetworkException} names the URL, the number of attempts and the last error.</li>
 *   <li>The connect timeout (default 30 s) bounds each TCP connection; the read timeout (default 60 s) bounds the
 *       wait for the response headers and then every gap between body bytes, so a stalled server fails the attempt
 *       while a slow, steady one never does.</li>
 *   <li>A total deadline bounds every call however steadily the server trickles: {@code fetchDeadline} (default
 *       60 s) for a fetch, attempts and backoff included; for a download of known size that plus its size divided
 *       by {@code minimumSpeed} (default 50 KiB/s). The error gives the figures and the setting (CLI:
 *       {@code --fetch-timeout}, {@code --min-speed}, {@code --idle-timeout} for the read timeout).</li>
 *   <li>Cancellation through a {@link dev.gosetup.api.CancellationToken} throws
 *       {@link dev.gosetup.api.CancelledException}, through a {@link java.util.function.BooleanSupplier} or thread
 *       interruption {@link java.util.concurrent.CancellationException}, within about 50 ms of any wait:
 *       connecting, the headers, each gap in a body, the pause before a retry. A cancelled download keeps its
 *       bytes in the file for a later resume.</li>
 * </ul>
 *
 * <h2>Probes</h2>
 * {@link dev.gosetup.core.http.HttpDownloader#probe(dev.gosetup.core.http.ProbeRequest,
 * dev.gosetup.api.CancellationToken)} sends one request for a check (the doctor's {@code module-proxy}, checklist
 * {@code http} probes, {@code build-and-serve}, {@code proxy probe}) through the same exchange: any status
 * accepted, no retries, the redirect rules above, one deadline for the whole exchange, a body cap, optionally
 * timed as the faster of two exchanges. A plain http URL the caller names may be asked
 * ({@link dev.gosetup.core.http.ProbeRequest#allowPlainHttp()}); a redirect to another host's plain http is still
 * refused before anything is sent.
 *
 * <h2>Inside</h2>
 * {@code HttpDownloader} is the facade; package-private behind it: {@code Exchange} (the client, the request,
 * redirects, the body read, failure classification), {@code RetryPolicy} (attempt numbering, backoff,
 * {@code Retry-After}), {@code ResponseChecks} (status, content type, lengths, redirect and scheme rules) and
 * {@code ResumableTransfer} (the file being written, Range/If-Range, starting over).
 *
 * <h2>Proxies</h2>
 * {@link dev.gosetup.core.http.ProxyConfig} reads {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} as Go
 * does: upper-case name first, lower-case as the fallback; https URLs use only {@code HTTPS_PROXY}, http URLs only
 * {@code HTTP_PROXY}; loopback hosts never use a proxy. Without the variable for a URL's scheme, the JVM's
 * {@link java.net.ProxySelector#getDefault()} decides ({@code -Dhttps.proxyHost} etc.). {@code NO_PROXY} entries,
 * comma-separated and case-insensitive:
 * <table>
 *   <caption>NO_PROXY matching</caption>
 *   <tr><th>entry</th><th>matches</th><th>does not match</th></tr>
 *   <tr><td>{@code *}</td><td>every host</td><td></td></tr>
 *   <tr><td>{@code example.com}</td><td>{@code example.com}, {@code dl.example.com}</td>
 *       <td>{@code badexample.com}</td></tr>
 *   <tr><td>{@code .example.com}, {@code *.example.com}</td><td>{@code dl.example.com}</td>
 *       <td>{@code example.com}</td></tr>
 *   <tr><td>{@code example.com:8443}</td><td>{@code https://example.com:8443/}</td>
 *       <td>{@code https://example.com/} (port 443)</td></tr>
 *   <tr><td>{@code 10.1.2.3}, {@code [::1]:8080}</td><td>that address written as the URL's host</td>
 *       <td>a name that resolves to it</td></tr>
 *   <tr><td>{@code 10.0.0.0/8}</td><td>{@code 10.20.30.40}</td><td>{@code 11.0.0.1}</td></tr>
 * </table>
 * Proxy credentials ({@code http://user:password@proxy:3128}) are given to the client through an
 * {@link java.net.Authenticator} instance that answers only that proxy's challenges. The JDK refuses Basic
 * authentication for HTTPS tunnels unless the JVM is started with {@code -Djdk.http.auth.tunneling.disabledSchemes=}
 * (an empty value); gosetup documents this rather than changing a global property:
 * <pre>{@code
 * export HTTPS_PROXY=http://alice:s3cret@proxy.corp:3128
 * export NO_PROXY=.corp,10.0.0.0/8
 * java -Djdk.http.auth.tunneling.disabledSchemes= -jar gosetup.jar install 1.22
 * }</pre>
 *
 * <h2>Logging</h2>
 * Through {@link java.lang.System.Logger} (names {@code dev.gosetup.core.http.*}): requests at DEBUG, retries at
 * INFO. Logs, {@code toString()} and exception messages never contain credentials: {@code user:password@} in any
 * URL is shown as {@code ***@}.
 */
package dev.gosetup.core.http;
