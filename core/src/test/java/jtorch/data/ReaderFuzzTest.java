package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader, fed thousands of corrupted variants of small valid files: each must parse or throw
 * {@link DataFormatException}, nothing else (no other exception, no OutOfMemoryError, no hang). Mutations: every
 * truncation length, bit flips, byte overwrites with boundary values, inserted and deleted bytes, random garbage,
 * appended garbage, wrong magic and huge header sizes; gzip variants both compress the mutated content and mutate the
 * compressed bytes.
 */
class ReaderFuzzTest {
    private static final int CASES = 400, TRUNCATIONS = 120;
    @TempDir Path dir;
    private int parsed, rejected;

    @org.junit.jupiter.api.AfterEach
    void atLeastSomeParseAndSomeFail() {
        // a reader that accepted everything, or rejected everything, would make this test vacuous
        if (parsed < 1 || rejected < 100) fail("parsed " + parsed + ", rejected " + rejected);
    }

    private void fuzz(String name, byte[] valid, boolean gzip, int headerBytes, Consumer<Path> reader) {
        Path file = dir.resolve(name + (gzip ? ".gz" : ""));
        Random r = new Random(name.hashCode());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            check(name + " (valid)", file, gzip ? DataFiles.gzip(valid) : valid, reader, true);
            int truncations = Math.min(valid.length, TRUNCATIONS);
            for (int i = 0; i < truncations; i++) {
                int len = valid.length <= TRUNCATIONS ? i : r.nextInt(valid.length);
                byte[] t = Arrays.copyOf(valid, len);
                check(name + " truncated to " + len, file, gzip ? DataFiles.gzip(t) : t, reader, false);
            }
            for (int c = 0; c < CASES; c++) {
                byte[] m = mutate(valid, headerBytes, r);
                String what = name + " case " + c;
                if (gzip && r.nextBoolean()) {
                    check(what + " (mutated gzip bytes)", file, mutate(DataFiles.gzip(valid), 10, r), reader, false);
                } else {
                    check(what, file, gzip ? DataFiles.gzip(m) : m, reader, false);
                }
            }
        });
    }

    private void check(String what, Path file, byte[] content, Consumer<Path> reader, boolean mustParse) {
        DataFiles.write(file, content);
        try {
            reader.accept(file);
            parsed++;
        } catch (DataFormatException e) {
            if (mustParse) fail(what + ": rejected a valid file: " + e.getMessage());
            if (!e.getMessage().contains(file.toString())) fail(what + ": message does not name the file: " + e.getMessage());
            rejected++;
        } catch (Throwable t) {
            fail(what + ": expected DataFormatException, got " + t + " for content " + hex(content), t);
        }
    }

    static byte[] mutate(byte[] v, int headerBytes, Random r) {
        byte[] b = v.clone();
        switch (r.nextInt(9)) {
            case 0 -> { for (int k = 1 + r.nextInt(4); k > 0; k--) { int i = r.nextInt(b.length); b[i] ^= (byte) (1 << r.nextInt(8)); } }
            case 1 -> { byte[] vals = {0, -1, 0x7F, (byte) 0x80, ',', '\n', '-', 'e', '.', 0x0D, 0x1F, (byte) 0x8B};
                        b[r.nextInt(b.length)] = vals[r.nextInt(vals.length)]; }
            case 2 -> { int i = r.nextInt(b.length + 1), n = 1 + r.nextInt(8);  // insert
                        byte[] g = new byte[n];
                        r.nextBytes(g);
                        b = concat(Arrays.copyOf(v, i), g, Arrays.copyOfRange(v, i, v.length)); }
            case 3 -> { int i = r.nextInt(b.length), n = 1 + r.nextInt(Math.min(8, b.length - i));  // delete
                        b = concat(Arrays.copyOf(v, i), Arrays.copyOfRange(v, i + n, v.length)); }
            case 4 -> { b = new byte[r.nextInt(200)]; r.nextBytes(b); }  // garbage
            case 5 -> { byte[] g = new byte[1 + r.nextInt(20)]; r.nextBytes(g); b = concat(v, g); }  // trailing garbage
            case 6 -> { for (int i = 0; i < Math.min(4, b.length); i++) b[i] = (byte) r.nextInt(256); }  // wrong magic
            case 7 -> { // a huge or negative 32-bit size somewhere in the header
                        int[] huge = {Integer.MAX_VALUE, -1, 1 << 30, 1 << 24, 65536, r.nextInt()};
                        int at = headerBytes <= 4 ? 0 : 4 * (1 + r.nextInt(Math.max(1, (headerBytes - 4) / 4)));
                        if (at + 4 <= b.length) ByteBuffer.wrap(b).putInt(at, huge[r.nextInt(huge.length)]); }
            default -> { for (int k = 0; k < 1 + r.nextInt(3); k++) b[r.nextInt(b.length)] = (byte) r.nextInt(256); }
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) { System.arraycopy(p, 0, r, o, p.length); o += p.length; }
        return r;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 64); i++) sb.append(String.format("%02x", b[i] & 0xFF));
        return sb + (b.length > 64 ? "... (" + b.length + " bytes)" : "");
    }

    @Test
    void idx() {
        Object[][] files = {{Idx.Type.UBYTE, new int[] {3, 4, 5}}, {Idx.Type.BYTE, new int[] {2, 1, 2}},
                {Idx.Type.SHORT, new int[] {2, 2}}, {Idx.Type.INT, new int[] {3}}, {Idx.Type.FLOAT, new int[] {2, 3}},
                {Idx.Type.DOUBLE, new int[] {4}}};
        for (Object[] f : files) {
            int[] sizes = (int[]) f[1];
            byte[] v = DataFiles.idx((Idx.Type) f[0], sizes, k -> k * 7 % 100);
            fuzz("idx-" + f[0], v, false, 4 + 4 * sizes.length, Idx::read);
            if (f[0] == Idx.Type.UBYTE || f[0] == Idx.Type.FLOAT) fuzz("idx-" + f[0], v, true, 4 + 4 * sizes.length, Idx::read);
        }
    }

    @Test
    void fashionMnistPairs() {
        byte[] images = DataFiles.idx(Idx.Type.UBYTE, new int[] {3, 4, 4}, k -> k), labels = DataFiles.idx(Idx.Type.UBYTE,
                new int[] {3}, k -> k);
        Path img = DataFiles.write(dir.resolve("img.idx"), images), lab = DataFiles.write(dir.resolve("lab.idx"), labels);
        fuzz("fm-images", images, false, 16, p -> FashionMnist.read(p, lab));
        fuzz("fm-labels", labels, true, 8, p -> FashionMnist.read(img, p));
    }

    @Test
    void csv() {
        byte[] v = "f1,f2,label\n1,2.5,3\n-1e2, 0 ,0\r\n7,8,1\n".getBytes(StandardCharsets.UTF_8);
        fuzz("csv", v, false, 0, p -> Csv.read(p, -1, true));
        fuzz("csv-strings", v, true, 0, p -> Csv.read(p, 0, true, LabelEncoder.of(java.util.List.of("1", "-1e2", "7"))));
        byte[] digits = ("0,".repeat(64) + "3\n" + "16,".repeat(64) + "9\n").getBytes(StandardCharsets.US_ASCII);
        fuzz("digits", digits, false, 0, p -> Csv.read(p, Digits.SPEC));
    }

    @Test
    void cifar10() {
        byte[] v = DataFiles.cifar(2);
        fuzz("cifar", v, false, 0, Cifar10::read);
        fuzz("cifar", v, true, 0, Cifar10::read);
    }

    @Test
    void textCorpus() {
        byte[] v = "the cat sat\non the mät — ✓ 𝄞\n\nend".getBytes(StandardCharsets.UTF_8);
        fuzz("chars", v, false, 0, TextCorpus::chars);
        fuzz("words", v, true, 0, TextCorpus::words);
    }
}
