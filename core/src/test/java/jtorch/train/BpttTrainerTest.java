package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jtorch.data.CharSplitLM;
import jtorch.io.Checkpoint;
import jtorch.nn.rnn.RecurrentLM;
import jtorch.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** char-rnn's loop on a small periodic text with the fused LSTM: it learns, it resumes bit-identically, it stops on time. */
class BpttTrainerTest {
    @TempDir Path dir;

    CharSplitLM data() throws Exception {
        StringBuilder sb = new StringBuilder();
        Generator g = new Generator(5);
        while (sb.length() < 4000) sb.append(g.nextInt(2) == 0 ? "the cat. " : "a dog! ");
        Path f = Files.writeString(dir.resolve("t.txt"), sb, StandardCharsets.UTF_8);
        return CharSplitLM.load(f, 8, 10, 0.1);
    }

    static RecurrentLM model(CharSplitLM d) { return RecurrentLM.charLstm(d.vocabularySize(), 16, 2, new Generator(3)); }

    @Test void learnsAndReportsEveryEvaluation() throws Exception {
        CharSplitLM d = data();
        RecurrentLM lm = model(d);
        List<double[]> evals = new ArrayList<>();
        BpttTrainer t = new BpttTrainer(lm, d, new BpttTrainer.Options(6, 1e-2, 0.95, 5, 0.97, 10, 20, 0))
                .listener((e, it, s, tr, v) -> evals.add(new double[] {e, it, s, tr, v}));
        double before = t.evaluate();
        History h = t.fit();
        assertEquals(6, h.size());
        assertEquals(Math.log(d.vocabularySize()), before, 0.3);
        double after = h.last().valLoss();
        assertTrue(after < 1.2, "validation loss " + before + " -> " + after + " nats/char");
        assertTrue(h.last().samplesPerSecond() > 0);
        // 45 training batches per epoch, evaluations every 20 iterations and at each epoch's end
        assertEquals(45, d.trainBatches());
        assertTrue(evals.size() > 6 && evals.getLast()[1] == 270, "" + evals.size());
        for (int i = 1; i < evals.size(); i++) assertTrue(evals.get(i)[2] >= evals.get(i - 1)[2]);
    }

    @Test void resumeContinuesBitIdentically() throws Exception {
        CharSplitLM d = data();
        BpttTrainer.Options o = new BpttTrainer.Options(3, 5e-3, 0.95, 5, 0.5, 1, 0, 0);
        RecurrentLM a = model(d);
        History ha = new BpttTrainer(a, d, o).fit();
        RecurrentLM b = model(d);
        Path ck = dir.resolve("ck");
        new BpttTrainer(b, d, new BpttTrainer.Options(1, 5e-3, 0.95, 5, 0.5, 1, 0, 0)).checkpointDir(ck).fit();
        assertTrue(Files.exists(ck.resolve("epoch-0001.ckpt")));
        RecurrentLM c = model(d);
        Path file = ck.resolve("epoch-0001.ckpt");
        History hc = new BpttTrainer(c, d, o).checkpointDir(ck).resume(Checkpoint.load(file), file);
        assertEquals(3, hc.size());
        assertArrayEquals(a.model().getParameters().weights().toFloatArray(), c.model().getParameters().weights().toFloatArray());
        assertEquals(ha.last().valLoss(), hc.last().valLoss());
        assertEquals(5e-3 * 0.25, hc.last().learningRate(), 1e-15);
        // a checkpoint of another architecture is refused
        RecurrentLM other = RecurrentLM.charLstm(d.vocabularySize(), 8, 2, new Generator(3));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> new BpttTrainer(other, d, o).resume(Checkpoint.load(file), file));
        assertTrue(e.getMessage().contains("architecture"), e.getMessage());
    }

    @Test void scheduleAndTimeLimit() throws Exception {
        CharSplitLM d = data();
        BpttTrainer t = new BpttTrainer(model(d), d, BpttTrainer.Options.charRnn(50).withMaxSeconds(1e-9));
        assertEquals(2e-3, t.learningRate(10), 0);
        assertEquals(2e-3 * 0.97, t.learningRate(11), 1e-18);
        assertEquals(2e-3 * 0.97 * 0.97, t.learningRate(12), 1e-18);
        History h = t.fit();
        assertEquals(1, h.size());
        assertTrue(Double.isFinite(h.last().valLoss()));
        assertThrows(IllegalArgumentException.class, () -> new BpttTrainer.Options(0, 1, 0.9, 5, 1, 0, 0, 0));
        // a target met at the first evaluation (iteration 5) stops the run there
        List<Integer> at = new ArrayList<>();
        History s = new BpttTrainer(model(d), d, BpttTrainer.Options.charRnn(5).withEvalEvery(5).withStopBelow(100))
                .listener((e, it, sec, tr, v) -> at.add(it)).fit();
        assertEquals(1, s.size());
        assertEquals(5, at.getFirst());
        assertEquals(5, at.getLast());
    }
}
