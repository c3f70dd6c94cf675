package dev.gosetup.core.sumdb;

import dev.gosetup.core.internal.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The transparent log arithmetic of the checksum database (RFC 6962 hashing, as in
 * golang.org/x/mod/sumdb/tlog): record and node hashes, the tree head note, tile paths, and the
 * inclusion and consistency proofs, built from any source of subtree hashes and checked as RFC 9162
 * (sections 2.1.3.2 and 2.1.4.2) says. A proof is checked only against a trusted root, so the hashes
 * it is built from need no trust of their own. Stateless.
 */
final class Tlog {
    static final int HASH_SIZE = 32;
    /** The tile height every Go checksum database serves (sum.golang.org and x/mod/sumdb's server). */
    static final int TILE_HEIGHT = 8;
    static final int TILE_WIDTH = 1 << TILE_HEIGHT;
    private static final String TREE_PREFIX = "go.sum database tree\n";

    private Tlog() {
    }

    /** Hashes of complete, aligned subtrees of one tree: {@code level} 0 is a record hash. */
    @FunctionalInterface
    interface HashSource {
        byte[] stored(int level, long index);
    }

    /** A tree head: its size and root hash. */
    record Tree(long size, byte[] hash) {
        Tree {
            if (size < 0 || hash.length != HASH_SIZE) {
                throw new IllegalArgumentException("bad tree " + size);
            }
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        boolean sameAs(Tree other) {
            return size == other.size && MessageDigest.isEqual(hash, other.hash);
        }

        @Override
        public String toString() {
            return "tree of " + size + " records, root " + Base64.getEncoder().encodeToString(hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tree t && sameAs(t);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(size) * 31 + Arrays.hashCode(hash);
        }
    }

    /** tlog.ParseTree: three lines, extra lines after them ignored for forward compatibility. */
    static Optional<Tree> parseTree(String text) {
        if (!text.startsWith(TREE_PREFIX) || text.chars().filter(c -> c == '\n').count() < 3 || text.length() > 1_000_000) {
            return Optional.empty();
        }
        String[] lines = text.split("\n", 4);
        long n;
        try {
            n = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (n < 0 || !lines[1].equals(Long.toString(n))) {
            return Optional.empty();
        }
        byte[] h;
        try {
            h = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return h.length == HASH_SIZE ? Optional.of(new Tree(n, h)) : Optional.empty();
    }

    static String formatTree(Tree tree) {
        return TREE_PREFIX + tree.size() + "\n" + Base64.getEncoder().encodeToString(tree.hash()) + "\n";
    }

    static byte[] recordHash(byte[] data) {
        MessageDigest sha = Sha256.digest();
        sha.update((byte) 0);
        sha.update(data);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = Sha256.digest();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH(D[lo:hi]) of RFC 6962, from stored hashes: every range the recursion reaches starts aligned. */
    static byte[] rangeHash(HashSource source, long lo, long hi) {
        long size = hi - lo;
        if (size <= 0) {
            throw new IllegalArgumentException("empty range " + lo + ".." + hi);
        }
        if (Long.bitCount(size) == 1 && lo % size == 0) {
            return source.stored(Long.numberOfTrailingZeros(size), lo / size);
        }
        long k = Long.highestOneBit(size - 1);
        return nodeHash(rangeHash(source, lo, lo + k), rangeHash(source, lo + k, hi));
    }

    /** PATH(m, D[lo:hi]) of RFC 6962 section 2.1.1, leaf first. */
    static List<byte[]> inclusionProof(HashSource source, long m, long lo, long hi) {
        List<byte[]> path = new ArrayList<>();
        while (hi - lo > 1) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (m < lo + k) {
                path.add(0, rangeHash(source, lo + k, hi));
                hi = lo + k;
            } else {
                path.add(0, rangeHash(source, lo, lo + k));
                lo = lo + k;
            }
        }
        return path;
    }

    /** PROOF(m, D[n]) of RFC 6962 section 2.1.2, for 0 &lt; m &lt; n. */
    static List<byte[]> consistencyProof(HashSource source, long m, long n) {
        List<byte[]> proof = new ArrayList<>();
        subproof(source, m, 0, n, true, proof);
        return proof;
    }

    private static void subproof(HashSource source, long m, long lo, long hi, boolean complete, List<byte[]> out) {
        if (m == hi) {
            if (!complete) {
                out.add(rangeHash(source, lo, hi));
            }
            return;
        }
        long k = Long.highestOneBit(hi - lo - 1);
        if (m <= lo + k) {
            subproof(source, m, lo, lo + k, complete, out);
            out.add(rangeHash(source, lo + k, hi));
        } else {
            subproof(source, m, lo + k, hi, false, out);
            out.add(rangeHash(source, lo, lo + k));
        }
    }

    /** RFC 9162 section 2.1.3.2. */
    static boolean verifyInclusion(long index, long size, List<byte[]> path, byte[] leaf, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 section 2.1.4.2, for 0 &lt; first &lt; second. */
    static boolean verifyConsistency(long first, long second, List<byte[]> proof, byte[] firstHash, byte[] secondHash) {
        if (first <= 0 || first >= second || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
    }

    /** Tile.Path of x/mod/sumdb/tlog: {@code tile/8/L/x001/x234/067[.p/W]}. */
    static String tilePath(int level, long n, int width) {
        StringBuilder index = new StringBuilder(String.format("%03d", n % 1000));
        for (long rest = n / 1000; rest > 0; rest /= 1000) {
            index.insert(0, String.format("x%03d/", rest % 1000));
        }
        return "tile/" + TILE_HEIGHT + "/" + level + "/" + index + (width == TILE_WIDTH ? "" : ".p/" + width);
    }

    /** The root of the complete tree over {@code hashes} (a power of two of them). */
    static byte[] completeRoot(List<byte[]> hashes) {
        List<byte[]> level = hashes;
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(nodeHash(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0);
    }


    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
