/**
 * A client of Go's checksum database (sum.golang.org and any {@code GOSUMDB}):
 * {@link dev.gosetup.core.sumdb.ChecksumDatabase}.
 *
 * <h2>Trust chain</h2>
 *
 * <p>The only thing trusted is the verifier key in {@code GOSUMDB} (or sum.golang.org's, which is
 * built in). A lookup answer's tree head must be a note signed by that key (Ed25519); the record
 * must be provably in that tree (an inclusion proof built from the database's tiles, checked
 * against the signed root); and the tree must contain, or be contained in, the newest tree head
 * this machine saw before (a consistency proof), or the log has forked. Tiles, proxies and the
 * network are not trusted: every byte from them is checked against a signed root before use.
 * See {@code docs/toolchain-modules.md}.
 */
package dev.gosetup.core.sumdb;
