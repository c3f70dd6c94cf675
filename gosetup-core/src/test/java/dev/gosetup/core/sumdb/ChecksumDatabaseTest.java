package dev.gosetup.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.internal.SumDb;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.TestChecksumDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checksum database client against a real tlog served over loopback by the testkit, and its proofs. */
class ChecksumDatabaseTest {
    private static final String H1 = "h1:" + Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path temp;

    private final HttpDownloader http = HttpDownloader.builder().build();

    private ChecksumDatabase client(TestChecksumDatabase db, String url, Path state) {
        return ChecksumDatabase.open(SumDb.parse(db.verifierKey() + " " + url), GoProxyList.parse("off"), state, http::fetch);
    }

    private static TestChecksumDatabase database() {
        return TestChecksumDatabase.create("sum.gosetup.test").addFiller(300, "a")
                .add("example.com/mod", "v1.2.3", H1, H1).addFiller(413, "b");
    }

    @Test
    void verifiesARecordAcrossSeveralTilesAndRemembersTheTreeOwnerOnly() throws Exception {
        TestChecksumDatabase db = database();
        Path dir = temp.resolve("db");
        db.writeTo(dir);
        try (MirrorServer server = MirrorServer.start(dir)) {
            ChecksumDatabase client = client(db, server.baseUri().toString(), temp.resolve("state"));
            ChecksumDatabase.Record r = client.verifyZip("example.com/mod", "v1.2.3", H1);
            assertThat(r.id()).isEqualTo(300);
            assertThat(r.treeSize()).isEqualTo(714);
            assertThat(r.lines()).containsExactly("example.com/mod v1.2.3 " + H1, "example.com/mod v1.2.3/go.mod " + H1);
            // Tiles of level 0 (two full, one partial) and level 1 (partial) were needed.
            assertThat(server.requests().keySet()).anyMatch(p -> p.startsWith("/tile/8/1/000.p/"))
                    .contains("/tile/8/0/001");
            Path latest = client.rememberedTreeFile();
            assertThat(Files.readString(latest)).startsWith("go.sum database tree\n714\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(latest))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(latest.getParent())))
                    .isEqualTo("rwx------");
            assertThatThrownBy(() -> client.verifyZip("example.com/mod", "v1.2.3", "h1:other="))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("vouches for " + H1);
            assertThatThrownBy(() -> client.lookup("example.com/missing", "v1.0.0")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void aTreeThatGrewConsistentlyIsAcceptedAndAnOlderOneToo() throws Exception {
        TestChecksumDatabase db = database();
        Path dir = temp.resolve("db");
        db.writeTo(dir);
        try (MirrorServer server = MirrorServer.start(dir)) {
            ChecksumDatabase client = client(db, server.baseUri().toString(), temp.resolve("state"));
            client.lookup("example.com/mod", "v1.2.3");
            db.addFiller(1000, "c").add("example.com/late", "v0.1.0", H1, H1);
            db.writeTo(dir);
            assertThat(client.lookup("example.com/late", "v0.1.0").treeSize()).isEqualTo(1715);
            assertThat(Files.readString(client.rememberedTreeFile())).startsWith("go.sum database tree\n1715\n");
            // A lagging mirror of the same log (an older tree) is fine; the newer remembered head stays.
            TestChecksumDatabase older = db.forkAt(714);
            Path olderDir = temp.resolve("older");
            older.writeTo(olderDir);
            try (MirrorServer lagging = MirrorServer.start(olderDir)) {
                ChecksumDatabase c2 = client(db, lagging.baseUri().toString(), temp.resolve("state"));
                // Its tiles for the remembered size are not there: the lagging server cannot prove consistency.
                assertThatThrownBy(() -> c2.lookup("example.com/mod", "v1.2.3")).isInstanceOf(NotFoundException.class);
            }
            older.writeTo(dir); // the full server serves an old head, and has the tiles of the new tree
            assertThat(client(db, server.baseUri().toString(), temp.resolve("state"))
                    .lookup("example.com/mod", "v1.2.3").treeSize()).isEqualTo(714);
            assertThat(Files.readString(client.rememberedTreeFile())).startsWith("go.sum database tree\n1715\n");
        }
    }

    @Test
    void aForkedLogIsRefused() throws Exception {
        TestChecksumDatabase db = database();
        Path dir = temp.resolve("db");
        db.writeTo(dir);
        try (MirrorServer server = MirrorServer.start(dir)) {
            Path state = temp.resolve("state");
            client(db, server.baseUri().toString(), state).lookup("example.com/mod", "v1.2.3");
            byte[] remembered = Files.readAllBytes(client(db, "https://x", state).rememberedTreeFile());
            // Same key, same first 301 records, then a different history: a split view.
            TestChecksumDatabase fork = db.forkAt(301).addFiller(500, "forked");
            fork.writeTo(dir);
            assertThatThrownBy(() -> client(db, server.baseUri().toString(), state).lookup("example.com/mod", "v1.2.3"))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("forked")
                    .hasMessageContaining("714").hasMessageContaining("801");
            // Same size, other root.
            TestChecksumDatabase sameSize = db.forkAt(301).addFiller(413, "other");
            sameSize.writeTo(dir);
            assertThatThrownBy(() -> client(db, server.baseUri().toString(), state).lookup("example.com/mod", "v1.2.3"))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("two different roots");
            assertThat(Files.readAllBytes(client(db, "https://x", state).rememberedTreeFile())).isEqualTo(remembered);
        }
    }

    @Test
    void aNoteSignedByAnotherKeyOrForgedIsRefused() throws Exception {
        TestChecksumDatabase db = database();
        TestChecksumDatabase impostor = db.impostor().addFiller(300, "a").add("example.com/mod", "v1.2.3", H1, H1)
                .addFiller(413, "b");
        Path dir = temp.resolve("db");
        impostor.writeTo(dir);
        try (MirrorServer server = MirrorServer.start(dir)) {
            assertThatThrownBy(() -> client(db, server.baseUri().toString(), temp.resolve("s1"))
                    .lookup("example.com/mod", "v1.2.3"))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("not signed by the trusted key "
                            + db.verifierKey().split("\\+")[0] + "+" + db.verifierKey().split("\\+")[1]);
            // The trusted key's name and hash, with a signature that is not its own.
            byte[] lookup = db.lookup("example.com/mod", "v1.2.3");
            String text = new String(lookup, StandardCharsets.UTF_8);
            int sig = text.lastIndexOf(' ') + 1;
            byte[] raw = Base64.getDecoder().decode(text.substring(sig).strip());
            raw[10] ^= 1;
            String forged = text.substring(0, sig) + Base64.getEncoder().encodeToString(raw) + "\n";
            server.serveInstead("/lookup/example.com/mod@v1.2.3", 200, "text/plain", forged.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> client(db, server.baseUri().toString(), temp.resolve("s2"))
                    .lookup("example.com/mod", "v1.2.3"))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("does not verify");
            assertThat(temp.resolve("s1")).satisfies(s -> assertThat(Files.exists(
                    client(db, "https://x", s).rememberedTreeFile())).isFalse());
        }
    }

    @Test
    void aTileThatDoesNotMatchTheSignedRootFailsTheInclusionProof() throws Exception {
        TestChecksumDatabase db = database();
        Path dir = temp.resolve("db");
        db.writeTo(dir);
        Path tile = dir.resolve("tile/8/0/001");
        byte[] data = Files.readAllBytes(tile);
        // The record's own hash is recomputed from its text; its neighbour 301 is the first sibling of its proof.
        data[(301 - 256) * 32] ^= 1;
        try (MirrorServer server = MirrorServer.start(dir)) {
            server.serveInstead("/tile/8/0/001", 200, "application/octet-stream", data);
            assertThatThrownBy(() -> client(db, server.baseUri().toString(), temp.resolve("state"))
                    .lookup("example.com/mod", "v1.2.3"))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("inclusion proof");
            server.reset().serveInstead("/tile/8/0/001", 200, "application/octet-stream", Arrays.copyOf(data, 100));
            assertThatThrownBy(() -> client(db, server.baseUri().toString(), temp.resolve("state"))
                    .lookup("example.com/mod", "v1.2.3"))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("not 256 hashes");
        }
    }

    @Test
    void theDatabaseIsReachedThroughAProxyThatSupportsIt() throws Exception {
        TestChecksumDatabase db = database();
        Path proxyDir = temp.resolve("proxy");
        db.writeTo(proxyDir.resolve("sumdb").resolve(db.name()));
        Files.createDirectories(temp.resolve("empty"));
        try (MirrorServer empty = MirrorServer.start(temp.resolve("empty"));
                MirrorServer proxy = MirrorServer.start(proxyDir)) {
            GoProxyList list = GoProxyList.parse(empty.baseUri() + "," + proxy.baseUri() + ",direct");
            ChecksumDatabase client = ChecksumDatabase.open(SumDb.parse(db.verifierKey()), list, temp.resolve("s"),
                    http::fetch);
            assertThat(client.lookup("example.com/mod", "v1.2.3").id()).isEqualTo(300);
            assertThat(client.base().toString()).isEqualTo(proxy.baseUri().toString().replaceAll("/$", "")
                    + "/sumdb/sum.gosetup.test");
            assertThat(empty.requestCount("/sumdb/sum.gosetup.test/supported")).isEqualTo(1);
        }
    }

    @Test
    void verifierKeys() {
        // Go's built-in key: its hash 033de0ae must match the name and key as note.NewVerifier computes it.
        assertThat(NoteVerifier.parse(SumDb.SUM_GOLANG_ORG_KEY).name()).isEqualTo("sum.golang.org");
        String key = SumDb.SUM_GOLANG_ORG_KEY;
        assertThatThrownBy(() -> NoteVerifier.parse(key.replace("033de0ae", "033de0af")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> ChecksumDatabase.open(SumDb.parse("off"), GoProxyList.parse("off"), temp, u -> new byte[0]))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("GOSUMDB=off");
    }

    @Test
    void proofsOfEveryShapeCheckAndAlteredOnesDoNot() {
        Random random = new Random(42);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            leaves.add(Tlog.recordHash(("record " + i + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        Tlog.HashSource source = (level, index) -> {
            List<byte[]> part = leaves.subList((int) (index << level), (int) ((index + 1) << level));
            return Tlog.completeRoot(part);
        };
        for (int n = 1; n <= 600; n += 1 + random.nextInt(7)) {
            byte[] root = Tlog.rangeHash(source, 0, n);
            int m = random.nextInt(n);
            List<byte[]> path = Tlog.inclusionProof(source, m, 0, n);
            assertThat(Tlog.verifyInclusion(m, n, path, leaves.get(m), root)).as("inclusion %d in %d", m, n).isTrue();
            assertThat(Tlog.verifyInclusion(m, n, path, leaves.get((m + 1) % 600), root)).isFalse();
            int old = 1 + random.nextInt(n);
            if (old < n) {
                List<byte[]> proof = Tlog.consistencyProof(source, old, n);
                byte[] oldRoot = Tlog.rangeHash(source, 0, old);
                assertThat(Tlog.verifyConsistency(old, n, proof, oldRoot, root)).as("consistency %d %d", old, n).isTrue();
                byte[] wrong = oldRoot.clone();
                wrong[0] ^= 1;
                assertThat(Tlog.verifyConsistency(old, n, proof, wrong, root)).isFalse();
            }
        }
        assertThat(Tlog.tilePath(0, 1234067, 256)).isEqualTo("tile/8/0/x001/x234/067");
        assertThat(Tlog.tilePath(1, 5, 17)).isEqualTo("tile/8/1/005.p/17");
    }
}
