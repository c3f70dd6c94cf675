package dev.gosetup.testkit;

import java.nio.file.Path;
import java.util.List;

/** Entry point for {@link ToolchainMirrorCacheTest}: builds a mirror in a fresh JVM and prints the outcome. */
public final class BuildMirrorInAnotherJvm {

    private BuildMirrorInAnotherJvm() {
    }

    public static void main(String[] args) {
        ToolchainMirror mirror = ToolchainMirror.of(List.of(LocalGoroot.read(Path.of(args[1]))), Path.of(args[0]));
        System.out.println("result packed=" + mirror.packedCount());
        System.out.println("result sha256=" + mirror.newest().sha256());
        System.out.println("result directory=" + mirror.directory());
    }
}
