package dev.gosetup.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads a {@code .tar.gz} back for assertions. */
final class ArchiveEntries {

    /** One entry's header, plus its content when it is small. */
    record Entry(String name, boolean directory, boolean file, boolean symlinkOrHardlink, int mode, long uid,
            long gid, long size, byte[] smallContent) {
    }

    /** Orders paths segment by segment: the order of a depth-first walk visiting children by name. */
    static final Comparator<String> TREE_ORDER = (a, b) -> {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private ArchiveEntries() {
    }

    static List<Entry> read(Path archive) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                byte[] content = new byte[0];
                if (e.isFile() && e.getSize() <= 4096) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    tar.transferTo(bytes);
                    content = bytes.toByteArray();
                }
                entries.add(new Entry(e.getName(), e.isDirectory(), e.isFile(),
                        e.isSymbolicLink() || e.isLink(), e.getMode(), e.getLongUserId(), e.getLongGroupId(),
                        e.getSize(), content));
            }
        }
        return entries;
    }
}
