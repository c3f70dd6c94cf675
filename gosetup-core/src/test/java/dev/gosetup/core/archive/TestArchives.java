package dev.gosetup.core.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz and zip archives in memory, hostile ones included: names are written exactly as given. */
final class TestArchives {

    /** The modification time every entry gets. */
    static final Instant MODIFIED = Instant.parse("2024-08-06T12:34:56Z");

    private TestArchives() {
    }

    static Tar tar() {
        return new Tar();
    }

    static Zip zip() {
        return new Zip();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A gzip-compressed tar archive; entry names keep leading slashes, drive letters and backslashes. */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out;

        private Tar() {
            try {
                out = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes), StandardCharsets.UTF_8.name());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        Tar dir(String name) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
            entry.setMode(040755);
            return put(entry, new byte[0]);
        }

        Tar file(String name, String content) {
            return file(name, utf8(content), 0644);
        }

        Tar file(String name, byte[] content, int mode) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            entry.setMode(0100000 | mode);
            entry.setSize(content.length);
            return put(entry, content);
        }

        /** A file of {@code size} zero bytes, streamed so that huge ones cost no memory here. */
        Tar zeros(String name, long size) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            entry.setMode(0100644);
            entry.setSize(size);
            entry.setModTime(FileTime.from(MODIFIED));
            try {
                out.putArchiveEntry(entry);
                byte[] block = new byte[64 * 1024];
                for (long left = size; left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Tar symlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            entry.setLinkName(target);
            entry.setMode(0120777);
            return put(entry, new byte[0]);
        }

        Tar hardLink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            entry.setLinkName(target);
            entry.setMode(0100644);
            return put(entry, new byte[0]);
        }

        /** An entry of any type, such as {@link TarConstants#LF_CHR}, without data. */
        Tar special(String name, byte type) {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            entry.setMode(0644);
            entry.setDevMajor(1);
            entry.setDevMinor(3);
            return put(entry, new byte[0]);
        }

        /** A pax global header, as {@code git archive} writes first. */
        Tar globalPaxHeader(String comment) {
            TarArchiveEntry entry = new TarArchiveEntry("pax_global_header",
                    TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, true);
            entry.addPaxHeader("comment", comment);
            try {
                // Written whole here, header and content: there is no entry to close afterwards.
                out.putArchiveEntry(entry);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] gzipped() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        private Tar put(TarArchiveEntry entry, byte[] content) {
            entry.setModTime(FileTime.from(MODIFIED));
            try {
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    /** A zip archive with Unix modes (so symlinks and special files can be expressed). */
    static final class Zip {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes);

        Zip dir(String name) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name.endsWith("/") ? name : name + "/");
            entry.setUnixMode(040755);
            return put(entry, new byte[0]);
        }

        Zip file(String name, String content) {
            return file(name, utf8(content), 0100644);
        }

        Zip file(String name, byte[] content, int unixMode) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(unixMode);
            return put(entry, content);
        }

        Zip symlink(String name, String target) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0120777);
            return put(entry, utf8(target));
        }

        byte[] bytes() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        Path writeTo(Path file) throws IOException {
            return Files.write(file, bytes());
        }

        private Zip put(ZipArchiveEntry entry, byte[] content) {
            entry.setLastModifiedTime(FileTime.from(MODIFIED));
            try {
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
