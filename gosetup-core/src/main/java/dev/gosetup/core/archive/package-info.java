/**
 * Safe extraction of Go toolchain archives: {@link dev.gosetup.core.archive.SafeExtractor}.
 *
 * <h2>Threat model</h2>
 *
 * <p>An archive is hostile until proven otherwise: a mirror, a proxy or a cache may serve anything, and
 * extraction may run before (or without) a checksum from a trusted index. The attacker controls every
 * byte of the archive; the extractor's guarantee is that <b>nothing is created, changed or linked
 * outside the target directory</b>, and that an archive that tries is refused with a
 * {@link dev.gosetup.api.VerificationException} naming the archive and the entry. Specifically:
 *
 * <ul>
 *   <li><b>Path traversal</b> ("zip slip"): entry names are checked lexically before anything is
 *       created: no {@code ..} segment, no absolute path, no drive letter or other colon, no backslash,
 *       no control character, no segment ending in a dot or a space (Windows strips those). A name means
 *       the same on every operating system, so these are refused everywhere, not only on Windows.
 *   <li><b>Symlinks</b>: a symlink's target must stay inside the target directory when resolved from
 *       the link's directory, and may not pass through another symlink of the archive ({@code x/..} is
 *       the parent of wherever {@code x} points, so a lexical check would be wrong for it). That rule is
 *       checked again once every link is known, so the order of entries does not matter. Absolute
 *       targets are refused.
 *   <li><b>Writing through symlinks</b>: no entry may be created below a symlink of the archive, nor
 *       replace one; files are created with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}. Since the target
 *       starts empty and the extractor records everything it creates, this is decided without
 *       {@code toRealPath} or other file system queries.
 *   <li><b>Hard links</b> may only point at a regular file the archive created before.
 *   <li><b>Special files</b>: devices, FIFOs, sparse files and other tar types are refused; so are zip
 *       entries whose Unix mode says they are special. Owners, set-id and sticky bits are never applied.
 *   <li><b>Resource exhaustion</b>: bytes are counted as they are written, whatever a header claims, and
 *       limited (2 GiB by default), like the number of entries (200,000); memory use is a few buffers,
 *       except for a zip's central directory, which is read whole (about a hundred bytes per entry).
 *   <li><b>Damage</b>: a truncated or corrupt gzip, tar or zip stream is refused; the gzip checksum is
 *       verified, and a zip entry whose data does not match its declared size is refused.
 *   <li><b>Hostile names in messages</b> are escaped and cut, so they cannot forge log lines.
 * </ul>
 *
 * <p>Out of scope: other processes writing into the target directory during the extraction (use a
 * fresh, private staging directory); the content of the files themselves (a toolchain is code that
 * will run: verify the archive's checksum against a trusted index); Windows device names such as
 * {@code NUL}, which stay inside the target in any case.
 */
package dev.gosetup.core.archive;
