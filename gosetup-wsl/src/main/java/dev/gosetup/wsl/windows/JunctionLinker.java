package dev.gosetup.wsl.windows;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import dev.gosetup.api.Platform;
import dev.gosetup.core.install.DirectoryLinker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Directory junctions, what {@code mklink /J} makes: a mount-point reparse point on an empty
 * directory, set with {@code DeviceIoControl(FSCTL_SET_REPARSE_POINT)}. Unlike symbolic links they
 * need no privilege (no Developer Mode, no administrator), so {@code gosetup use} can switch
 * {@code current} on every Windows machine. A junction holds an absolute target on a local volume;
 * deleting it removes the link only. Reading resolves it with {@link Path#toRealPath}. Windows only;
 * creating an instance loads nothing.
 */
public final class JunctionLinker implements DirectoryLinker {
    static final int IO_REPARSE_TAG_MOUNT_POINT = 0xA0000003;
    static final int FSCTL_SET_REPARSE_POINT = 0x000900A4;

    /** Creates the linker; loads nothing. */
    public JunctionLinker() {
    }

    /** @return {@code "junction"} */
    @Override
    public String id() {
        return "junction";
    }

    /** @return true on Windows only */
    @Override
    public boolean appliesTo(Platform host) {
        return host.isWindows();
    }

    @Override
    public void create(Path link, Path target) throws IOException {
        byte[] buffer = reparseBuffer(target.toAbsolutePath().normalize().toString());
        Files.createDirectory(link);
        boolean done = false;
        try {
            WinNT.HANDLE handle = Kernel32.INSTANCE.CreateFile(link.toString(), WinNT.GENERIC_WRITE, 0, null,
                    WinNT.OPEN_EXISTING, WinNT.FILE_FLAG_BACKUP_SEMANTICS | WinNT.FILE_FLAG_OPEN_REPARSE_POINT, null);
            if (WinBase.INVALID_HANDLE_VALUE.equals(handle)) {
                throw new IOException("cannot open " + link + " to make it a junction: error " + Kernel32.INSTANCE.GetLastError());
            }
            try {
                Memory memory = new Memory(buffer.length);
                memory.write(0, buffer, 0, buffer.length);
                if (!Kernel32.INSTANCE.DeviceIoControl(handle, FSCTL_SET_REPARSE_POINT, memory, buffer.length, null, 0,
                        new IntByReference(), null)) {
                    throw new IOException("cannot make " + link + " a junction to " + target + ": error "
                            + Kernel32.INSTANCE.GetLastError());
                }
            } finally {
                Kernel32.INSTANCE.CloseHandle(handle);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(link);
            }
        }
    }

    @Override
    public Optional<Path> target(Path link) throws IOException {
        BasicFileAttributes a = Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        // On Windows the JDK reports a junction as a directory that is also "other" (a reparse point).
        if (!a.isDirectory() || !a.isOther()) {
            return Optional.empty();
        }
        return Optional.of(link.toRealPath());
    }

    /**
     * The REPARSE_DATA_BUFFER of a mount point: tag, data length, reserved; substitute name offset
     * and length, print name offset and length (bytes); then {@code \??\TARGET} and {@code TARGET},
     * each NUL-terminated UTF-16LE.
     */
    static byte[] reparseBuffer(String target) {
        byte[] substitute = ("\\??\\" + target).getBytes(StandardCharsets.UTF_16LE);
        byte[] print = target.getBytes(StandardCharsets.UTF_16LE);
        int pathBuffer = substitute.length + 2 + print.length + 2;
        int dataLength = 8 + pathBuffer;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + dataLength).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(IO_REPARSE_TAG_MOUNT_POINT).putShort((short) dataLength).putShort((short) 0);
        b.putShort((short) 0).putShort((short) substitute.length)
                .putShort((short) (substitute.length + 2)).putShort((short) print.length);
        b.put(substitute).putShort((short) 0).put(print).putShort((short) 0);
        return b.array();
    }
}
