package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.io.Json;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomSearchTest {
    @TempDir Path dir;

    private static RandomSearch space(long seed) {
        return new RandomSearch(seed).logUniform("lr", 1e-4, 1).intUniform("hidden", 8, 128)
                .uniform("momentum", 0, 0.99).choice("optimizer", "sgd", "adam");
    }

    /** A cheap synthetic objective with its optimum at lr 1e-2, hidden 64, adam. */
    private static double objective(Map<String, Object> p) {
        double lr = (Double) p.get("lr"), hidden = (Double) p.get("hidden");
        return Math.pow(Math.log10(lr) + 2, 2) + Math.pow(hidden - 64, 2) / 1e4 + (p.get("optimizer").equals("adam") ? 0 : 0.5);
    }

    @Test void samplesAreSeededIndependentAndInRange() {
        List<Map<String, Object>> a = space(1).samples(200), b = space(1).samples(200);
        assertEquals(a, b);
        assertTrue(!a.equals(space(2).samples(200)));
        int adam = 0, small = 0;
        for (Map<String, Object> p : a) {
            double lr = (Double) p.get("lr"), h = (Double) p.get("hidden"), m = (Double) p.get("momentum");
            assertTrue(lr >= 1e-4 && lr <= 1, "lr " + lr);
            assertTrue(h >= 8 && h <= 128 && h == Math.rint(h), "hidden " + h);
            assertTrue(m >= 0 && m < 0.99);
            if (p.get("optimizer").equals("adam")) adam++;
            if (lr < 1e-2) small++;
        }
        // log-uniform: half the draws below the geometric midpoint 1e-2; choice: about half adam
        assertTrue(small > 70 && small < 130, "draws below 1e-2: " + small);
        assertTrue(adam > 70 && adam < 130, "adam: " + adam);
    }

    @Test void bestTrialHasTheBestScoreAndTheTableIsSorted() throws Exception {
        int[] calls = {0};
        RandomSearch.Results r = space(42).epochs(7).patience(2, 0.01).run(25, (p, budget) -> {
            calls[0]++;
            assertEquals(7, budget.maxEpochs());
            assertEquals(2, budget.earlyStopping().patience());
            if (calls[0] == 3) throw new IllegalStateException("diverged");
            return new RandomSearch.TrialResult(objective(p), 1);
        });
        assertEquals(25, calls[0]);
        List<RandomSearch.Trial> ts = r.trials();
        double min = Double.POSITIVE_INFINITY;
        for (RandomSearch.Trial t : ts) if (!Double.isNaN(t.score())) min = Math.min(min, t.score());
        assertEquals(min, r.best().score());
        assertEquals(objective(r.best().params()), r.best().score());
        for (int i = 1; i < 24; i++) assertTrue(ts.get(i - 1).score() <= ts.get(i).score(), "sorted at " + i);
        assertEquals(3, ts.getLast().index(), "the failed trial is last");
        assertNotNull(ts.getLast().error());

        String[] lines = r.table().split("\n");
        assertEquals(26, lines.length);
        assertTrue(lines[0].startsWith("rank  trial"), lines[0]);
        assertTrue(lines[0].contains("lr") && lines[0].contains("optimizer") && lines[0].contains("score"), lines[0]);
        int scoreCol = lines[0].indexOf("score");
        for (int i = 1; i < 25; i++) assertTrue(lines[i].startsWith(String.format("%4d", i)), lines[i]);
        // numbers right-aligned: every score ends at the same column
        int end = lines[0].indexOf("epochs") - 2; // the score column's last character + 1
        for (int i = 1; i < 25; i++) {
            String cell = lines[i].substring(scoreCol, end);
            assertTrue(!cell.endsWith(" "), "right-aligned: '" + cell + "' in " + lines[i]);
            double score = r.trials().get(i - 1).score();
            assertEquals(score, Double.parseDouble(cell.strip()), 1e-3 * Math.max(1, Math.abs(score)));
        }
        assertTrue(lines[25].contains("failed") && lines[25].endsWith("IllegalStateException: diverged"), lines[25]);
        assertTrue(lines[0].endsWith("error"), lines[0]);

        Path json = dir.resolve("out/best.json");
        r.saveBest(json);
        Map<String, Object> saved = Json.parseObject(Files.readString(json));
        assertEquals((long) r.best().index(), saved.get("trial"));
        assertEquals(r.best().score(), saved.get("score"));
        @SuppressWarnings("unchecked") Map<String, Object> params = (Map<String, Object>) saved.get("params");
        assertEquals(r.best().params().get("lr"), params.get("lr"));
        assertEquals(((Double) r.best().params().get("hidden")).longValue(), params.get("hidden"));
        assertEquals(r.best().params().get("optimizer"), params.get("optimizer"));
    }

    @Test void searchesRealTrainingRuns() {
        Generator g = new Generator(3);
        var x = jtorch.tensor.Tensor.randn(g, 200, 6);
        var y = x.mm(jtorch.tensor.Tensor.randn(g, 6, 3)).argmax(1, false);
        TensorDataset[] d = new TensorDataset(x, y).randomSplit(0.3, 1);
        RandomSearch.Results r = new RandomSearch(5).logUniform("lr", 1e-4, 1).intUniform("hidden", 4, 16).epochs(3)
                .run(4, (p, budget) -> {
                    Generator.manualSeed(1);
                    Sequential m = new Sequential().add(new Linear(6, ((Double) p.get("hidden")).intValue()))
                            .add(new Tanh()).add(new Linear(((Double) p.get("hidden")).intValue(), 3)).add(new LogSoftMax());
                    History h = Trainer.builder(m, new ClassNLLCriterion(),
                                    new Optimizer("sgd", Config.of("learningRate", p.get("lr"))))
                            .train(new DataLoader(d[1], 20, true, 2, false)).validation(new DataLoader(d[0], 60, false, 0, false))
                            .epochs(budget.maxEpochs()).callback(budget.earlyStopping()).build().fit();
                    return RandomSearch.TrialResult.of(h);
                });
        assertEquals(4, r.trials().size());
        for (RandomSearch.Trial t : r.trials()) assertTrue(t.epochs() >= 1 && t.epochs() <= 3, t.toString());
        assertTrue(r.best().score() <= r.trials().get(3).score());
    }

    @Test void badSpaces() {
        assertThrows(IllegalArgumentException.class, () -> new RandomSearch(1).logUniform("lr", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RandomSearch(1).intUniform("h", 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new RandomSearch(1).choice("o"));
        assertThrows(IllegalArgumentException.class, () -> new RandomSearch(1).uniform("a", 0, 1).uniform("a", 0, 1));
        assertThrows(IllegalStateException.class, () -> new RandomSearch(1).run(1, (p, b) -> null));
    }
}
