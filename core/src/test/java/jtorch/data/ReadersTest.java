package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir Path dir;

    private static DataFormatException bad(Runnable r, String... parts) {
        DataFormatException e = assertThrows(DataFormatException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        return e;
    }

    @Test
    void idxEveryTypePlainAndGzip() {
        double[] vals = {0, 1, 127, 200, -3, 1.5, 1e6, -2.25};
        for (Idx.Type t : Idx.Type.values()) {
            byte[] b = DataFiles.idx(t, new int[] {2, 4}, k -> vals[k]);
            for (boolean gz : new boolean[] {false, true}) {
                Path f = DataFiles.write(dir.resolve(t + (gz ? ".idx.gz" : ".idx")), gz ? DataFiles.gzip(b) : b);
                Tensor x = Idx.read(f);
                assertArrayEquals(new int[] {2, 4}, x.sizes());
                assertEquals(t == Idx.Type.FLOAT ? DType.F32 : t == Idx.Type.DOUBLE ? DType.F64 : DType.I32, x.dtype());
                double[] got = x.toDoubleArray();
                for (int k = 0; k < 8; k++) {
                    double want = switch (t) {
                        case UBYTE -> ((int) vals[k]) & 0xFF;
                        case BYTE -> (byte) vals[k];
                        case SHORT -> (short) vals[k];
                        case INT -> (int) vals[k];
                        case FLOAT -> (float) vals[k];
                        case DOUBLE -> vals[k];
                    };
                    assertEquals(want, got[k], t + " element " + k);
                }
                assertEquals(t, Idx.header(f).type());
                double[] scaled = Idx.readFloat(f, 0.5).toDoubleArray();
                for (int k = 0; k < 8; k++) assertEquals((float) (got[k] * 0.5), (float) scaled[k]);
            }
        }
    }

    @Test
    void idxErrorsNameFileOffsetAndExpectation() {
        byte[] ok = DataFiles.idx(Idx.Type.UBYTE, new int[] {3, 2}, k -> k);
        Path f = dir.resolve("x.idx");
        DataFiles.write(f, Arrays.copyOf(ok, ok.length - 1));
        bad(() -> Idx.read(f), f.toString(), "byte offset 17", "truncated", "6 data bytes");
        DataFiles.write(f, Arrays.copyOf(ok, ok.length + 1));
        bad(() -> Idx.read(f), "byte offset 18", "trailing");
        byte[] m = ok.clone();
        m[2] = 0x0A;
        DataFiles.write(f, m);
        bad(() -> Idx.read(f), "byte offset 2", "0x0A", "0x08");
        m = ok.clone();
        m[0] = 8;
        DataFiles.write(f, m);
        bad(() -> Idx.read(f), "byte offset 0", "magic");
        DataFiles.write(f, Arrays.copyOf(ok, 6));
        bad(() -> Idx.read(f), "byte offset 6", "truncated header", "only 2 present");
        DataFiles.write(f, new byte[0]);
        bad(() -> Idx.read(f), "byte offset 0");
        Path gz = dir.resolve("x.idx.gz");
        byte[] z = DataFiles.gzip(ok);
        DataFiles.write(gz, Arrays.copyOf(z, z.length - 5));
        bad(() -> Idx.read(gz), gz.toString(), "gzip");
        assertThrows(java.io.UncheckedIOException.class, () -> Idx.read(dir.resolve("missing.idx")));
    }

    @Test
    void hugeDimensionsAreRejectedBeforeAllocating() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int[] sizes : new int[][] {{60000, 28, 28}, {Integer.MAX_VALUE}, {65536, 65536}, {-1}}) {
            ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + 100);
            b.put(new byte[] {0, 0, 0x0E, (byte) sizes.length});
            for (int s : sizes) b.putInt(s);
            Path f = DataFiles.write(dir.resolve("huge.idx"), b.array());
            Path gz = DataFiles.write(dir.resolve("huge.idx.gz"), DataFiles.gzip(b.array()));
            for (Path p : List.of(f, gz)) {
                long before = mx.getThreadAllocatedBytes(tid);
                assertThrows(DataFormatException.class, () -> Idx.read(p));
                long used = mx.getThreadAllocatedBytes(tid) - before;
                assertTrue(used < 16 << 20, "reading " + p + " with sizes " + Arrays.toString(sizes) + " allocated " + used);
            }
        }
    }

    @Test
    void fashionMnistPairs() {
        Path img = DataFiles.write(dir.resolve("i.idx"), DataFiles.idx(Idx.Type.UBYTE, new int[] {3, 28, 28}, k -> k % 256));
        Path lab = DataFiles.write(dir.resolve("l.idx"), DataFiles.idx(Idx.Type.UBYTE, new int[] {3}, k -> 9 - k));
        TensorDataset d = FashionMnist.read(img, lab);
        assertArrayEquals(new int[] {3, 784}, d.inputs().sizes());
        assertArrayEquals(new int[] {9, 8, 7}, d.targets().toIntArray());
        assertEquals(255f / 255, d.inputs().get(0, 255), 0);
        assertEquals(16f / 255, d.inputs().get(1, 0), 1e-7); // element 784 = 784 % 256 = 16
        Path lab4 = DataFiles.write(dir.resolve("l4.idx"), DataFiles.idx(Idx.Type.UBYTE, new int[] {4}, k -> 1));
        bad(() -> FashionMnist.read(img, lab4), "image count 3 differs from the 4 labels");
        Path lab10 = DataFiles.write(dir.resolve("l10.idx"), DataFiles.idx(Idx.Type.UBYTE, new int[] {3}, k -> 10 * k));
        bad(() -> FashionMnist.read(img, lab10), "byte offset 9", "0..9, got 10");
        bad(() -> FashionMnist.read(lab, lab), "UBYTE [N, H, W]");
        bad(() -> FashionMnist.read(img, img), "UBYTE [N]");
        assertThrows(java.io.UncheckedIOException.class, () -> FashionMnist.train(dir));
    }

    @Test
    void realFashionMnistWhenInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not installed in " + FashionMnist.DEFAULT_DIR + " (apt install dataset-fashion-mnist)");
        TensorDataset test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        assertArrayEquals(new int[] {10000, 784}, test.inputs().sizes());
        assertEquals(1000, (int) test.targets().eq(3).sum()); // 1,000 test images per class
        assertEquals(0.0, test.inputs().min());
        assertEquals(1.0, test.inputs().max());
    }

    @Test
    void csvNumericAndStringLabels() {
        Path f = DataFiles.write(dir.resolve("a.csv"), "a, b ,label\n1,2.5,3\n\n-1e2, 0 ,0\r\n".getBytes(StandardCharsets.UTF_8));
        TensorDataset d = Csv.read(f, -1, true);
        assertArrayEquals(new float[] {1, 2.5f, -100, 0}, d.inputs().toFloatArray());
        assertArrayEquals(new int[] {3, 0}, d.targets().toIntArray());
        TensorDataset first = Csv.read(f, 0, true, LabelEncoder.of(List.of("1", "-1e2")));
        assertArrayEquals(new int[] {0, 1}, first.targets().toIntArray());
        assertArrayEquals(new float[] {2.5f, 3, 0, 0}, first.inputs().toFloatArray());
        Path s = DataFiles.write(dir.resolve("s.csv"), "5.1,3.5,setosa\n6.2,2.9,virginica\n5.9,3.0,setosa\n".getBytes());
        LabelEncoder enc = LabelEncoder.fit(Csv.column(s, -1, false));
        assertEquals(List.of("setosa", "virginica"), enc.classes());
        assertArrayEquals(new int[] {0, 1, 0}, Csv.read(s, -1, false, enc).targets().toIntArray());
        // errors: line, field, byte offset
        Path e = DataFiles.write(dir.resolve("e.csv"), "1,2,3\n4,x,5\n".getBytes());
        bad(() -> Csv.read(e, -1, false), e + " line 2 field 2 (byte offset 8)", "finite number, got 'x'");
        Path g = DataFiles.write(dir.resolve("g.csv"), "1,2,3\n4,5\n".getBytes());
        bad(() -> Csv.read(g, -1, false), "line 2 (byte offset 6)", "expected 3 fields, got 2");
        Path h = DataFiles.write(dir.resolve("h.csv"), "1,2,-3\n".getBytes());
        bad(() -> Csv.read(h, -1, false), "line 1 field 3", "integer label");
        Path n = DataFiles.write(dir.resolve("n.csv"), "1,NaN,3\n".getBytes());
        bad(() -> Csv.read(n, -1, false), "field 2");
        Path u = DataFiles.write(dir.resolve("u.csv"), "1,2,3\n".getBytes());
        bad(() -> Csv.read(u, -1, false, enc), "unknown label '3'");
        Path empty = DataFiles.write(dir.resolve("empty.csv"), "x,y\n".getBytes());
        bad(() -> Csv.read(empty, -1, true), "at least one data row");
    }

    @Test
    void digitsLoadFromCoreResources() {
        TensorDataset d = Digits.load();
        assertArrayEquals(new int[] {1797, 64}, d.inputs().sizes());
        assertArrayEquals(new int[] {1797}, d.targets().sizes());
        assertEquals(0.0, d.inputs().min());
        assertEquals(1.0, d.inputs().max());
        assertEquals(9.0, d.targets().max());
        bad(() -> { try { Digits.parse(new java.io.ByteArrayInputStream(("0,".repeat(64) + "10\n").getBytes()), "d.csv"); }
                catch (java.io.IOException e) { throw new RuntimeException(e); } }, "d.csv line 1 field 65", "[0, 9]");
    }

    @Test
    void cifar10Records() {
        Path f = DataFiles.write(dir.resolve("data_batch_1.bin"), DataFiles.cifar(3));
        Path g = DataFiles.write(dir.resolve("test_batch.bin.gz"), DataFiles.gzip(DataFiles.cifar(2)));
        TensorDataset d = Cifar10.read(f, g);
        assertArrayEquals(new int[] {5, 3, 32, 32}, d.inputs().sizes());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, d.targets().toIntArray());
        assertEquals(2f / 255, d.inputs().get(1, 0, 0, 1), 1e-7); // record 1, pixel 1 = 2
        assertEquals(((2 + 1024 + 5) % 256) / 255f, d.inputs().get(2, 1, 0, 5), 1e-7); // green plane
        assertEquals(2, Cifar10.test(dir).size());
        DataFiles.write(f, Arrays.copyOf(DataFiles.cifar(3), 3 * 3073 - 1));
        bad(() -> Cifar10.read(f), f.toString(), "byte offset 6146", "2 records and 3072 extra bytes");
        byte[] b = DataFiles.cifar(2);
        b[3073] = 10;
        DataFiles.write(f, b);
        bad(() -> Cifar10.read(f), "byte offset 3073", "record 1", "got 10");
        DataFiles.write(f, new byte[0]);
        bad(() -> Cifar10.read(f), "empty");
    }

    @Test
    void textCorpusCharsAndWords() {
        Path f = DataFiles.write(dir.resolve("t.txt"), "the cat\nthe dög é\n".getBytes(StandardCharsets.UTF_8));
        TextCorpus c = TextCorpus.chars(f);
        assertEquals(18, c.length());
        assertEquals(List.of("\n", " ", "a", "c", "d", "e", "g", "h", "t", "é", "ö"), c.vocabulary());
        assertEquals("the cat\nthe dög é\n", c.decode(c.ids()));
        TextCorpus w = TextCorpus.words(f);
        assertEquals(List.of("<eos>", "cat", "dög", "the", "é"), w.vocabulary());
        assertArrayEquals(new int[] {3, 1, 0, 3, 2, 4, 0}, w.ids().toIntArray());
        TensorDataset s = c.sequences(5);
        assertArrayEquals(new int[] {3, 5}, s.inputs().sizes());
        assertArrayEquals(Arrays.copyOfRange(c.ids().toIntArray(), 6, 11), s.targets().select(0, 1).toIntArray());
        Path bad = DataFiles.write(dir.resolve("b.txt"), new byte[] {'a', 'b', (byte) 0xC3, 'c'});
        bad(() -> TextCorpus.chars(bad), "byte offset 2", "UTF-8");
        Path empty = DataFiles.write(dir.resolve("e.txt"), new byte[0]);
        bad(() -> TextCorpus.words(empty), "empty");
    }

    @Test
    void normalizerUsesTrainingStatistics() {
        Tensor train = Tensor.of(new float[] {1, 5, 7, 3, 5, 7}, 2, 3); // feature 1 and 2 constant
        Normalizer n = Normalizer.fit(train);
        assertArrayEquals(new float[] {2, 5, 7}, n.mean().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, n.std().toFloatArray());
        assertArrayEquals(new float[] {-1, 0, 0, 1, 0, 0}, n.apply(train).toFloatArray());
        assertArrayEquals(new float[] {8, 1, -7}, n.apply(Tensor.of(new float[] {10, 6, 0}, 3)).toFloatArray());
        Normalizer m = Normalizer.fit(Tensor.of(new float[] {0, 4}, 2, 1));
        assertArrayEquals(new float[] {2}, m.std().toFloatArray()); // population std
        assertThrows(IllegalArgumentException.class, () -> n.apply(Tensor.zeros(2, 4)));
    }

    @Test
    void oneHotAndLabelEncoder() {
        Tensor y = Encodings.oneHot(Tensor.of(new int[] {2, 0}, 2), 3);
        assertArrayEquals(new int[] {2, 3}, y.sizes());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, y.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Encodings.oneHot(Tensor.of(new int[] {3}, 1), 3));
        assertThrows(IllegalArgumentException.class, () -> Encodings.oneHot(Tensor.zeros(2), 3));
        LabelEncoder e = LabelEncoder.fit(List.of("b", "a", "b", "c"));
        assertEquals(List.of("a", "b", "c"), e.classes());
        assertArrayEquals(new int[] {1, 2, 0}, e.encode(List.of("b", "c", "a")).toIntArray());
        assertEquals(List.of("c", "a"), e.decode(Tensor.of(new int[] {2, 0}, 2)));
        assertThrows(IllegalArgumentException.class, () -> e.encode("d"));
        assertThrows(IllegalArgumentException.class, () -> e.decode(3));
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.of(List.of("x", "x")));
    }
}
