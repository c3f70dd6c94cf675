package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.core.install.DirectoryLinker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JunctionLinkerTest {
    @TempDir
    Path tmp;

    /** The buffer's layout, as the REPARSE_DATA_BUFFER MountPointReparseBuffer documentation gives it. */
    @Test
    void theReparseBufferHasTheMountPointLayout() {
        String target = "C:\\Users\\J\u00fcrgen\\AppData\\Local\\gosetup\\toolchains\\go1.22.5.windows-amd64";
        ByteBuffer b = ByteBuffer.wrap(JunctionLinker.reparseBuffer(target)).order(ByteOrder.LITTLE_ENDIAN);
        int sub = ("\\??\\" + target).length() * 2;
        int print = target.length() * 2;
        assertThat(b.getInt(0)).isEqualTo(0xA0000003);
        assertThat(b.getShort(4) & 0xffff).isEqualTo(8 + sub + 2 + print + 2);
        assertThat(b.getShort(8)).isZero();
        assertThat(b.getShort(10) & 0xffff).isEqualTo(sub);
        assertThat(b.getShort(12) & 0xffff).isEqualTo(sub + 2);
        assertThat(b.getShort(14) & 0xffff).isEqualTo(print);
        assertThat(new String(b.array(), 16, sub, StandardCharsets.UTF_16LE)).isEqualTo("\\??\\" + target);
        assertThat(new String(b.array(), 16 + sub + 2, print, StandardCharsets.UTF_16LE)).isEqualTo(target);
        assertThat(b.array()).hasSize(16 + sub + 2 + print + 2);
    }

    @Test
    void loadsForWindowsOnlyAndIsNoJunctionReaderForOrdinaryDirectories() throws Exception {
        DirectoryLinker l = ProviderRegistry.load(DirectoryLinker.class).byId("junction").orElseThrow();
        assertThat(l.appliesTo(new Platform("windows", "arm64"))).isTrue();
        assertThat(l.appliesTo(new Platform("linux", "amd64"))).isFalse();
        assertThat(l.target(Files.createDirectory(tmp.resolve("plain")))).isEmpty();
    }

    /** A real junction, replaced while a "toolchain" behind it stays. Never run in this project's CI. */
    @Test
    @EnabledOnOs(OS.WINDOWS)
    void aRealJunctionIsMadeReadAndRemovedWithoutTouchingItsTarget() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("toolchains/a/bin"));
        Path link = tmp.resolve("current");
        JunctionLinker junctions = new JunctionLinker();
        junctions.create(link, a.getParent());
        assertThat(junctions.target(link)).contains(a.getParent().toRealPath());
        assertThat(link.resolve("bin")).isDirectory();
        Files.delete(link);
        assertThat(a).isDirectory();
    }
}
