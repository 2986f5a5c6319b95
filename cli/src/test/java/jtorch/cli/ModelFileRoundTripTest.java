package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jtorch.data.FashionMnist;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.Trainer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image presets' model files load back with bit-identical outputs: a preset trained for a few steps on random
 * 28×28 images (so that batch norm's running statistics and dropout's generator state have moved), wrapped with its
 * standardisation as {@code jtorch train} saves it, saved and loaded, gives the same float bits as the trained net in
 * evaluation mode; and a model file written by {@code jtorch train} itself loads, saves and loads again to the same
 * outputs. Random data (no data set needed); about 2 s per preset.
 */
class ModelFileRoundTripTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "convnet"})
    void trainedPresetReloadsBitIdentical(String preset) throws Exception {
        Path data = IdxFiles.random(tmp.resolve("data"), 256, 64, 7);
        TensorDataset train = FashionMnist.train(data), test = FashionMnist.test(data);
        Generator.manualSeed(5);
        Module net = Models.preset(preset, 784, 10, Models.defaultHidden("mlp"));
        Normalizer norm = Fit.fitNormalizer(train);
        Trainer.builder(net, new ClassNLLCriterion(), new Hyper("sgd", 0.05, 0.9, 5e-4, 32, 1, null).newOptimizer())
                .train(Fit.trainLoader(norm.apply(train), 32, 5)).epochs(1).seed(5).build().fit();
        Module saved = new Models.Net(net, norm).wrapped().evaluate();
        Path file = tmp.resolve(preset + ".safetensors");
        Model.save(saved, file);
        Module back = Model.load(file).evaluate();
        Tensor x = test.inputs();
        float[] expected = saved.forward(x).toTensor("trained").toFloatArray(), actual = back.forward(x).toTensor("loaded").toFloatArray();
        assertEquals(64 * 10, expected.length);
        assertArrayEquals(expected, actual, preset + ": the loaded model's outputs differ from the trained one's");
        assertFalse(expected[0] == expected[10] && expected[1] == expected[11], "two inputs, two different outputs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "convnet"})
    void modelFileWrittenByTrainReloadsBitIdentical(String preset) throws Exception {
        Path data = IdxFiles.random(tmp.resolve("data"), 200, 50, 8), out = tmp.resolve("out");
        CliResult r = CliResult.run("train", "--data", data.toString(), "--model", preset, "--epochs", "1", "--batch", "32",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Module a = Model.load(out.resolve("model.safetensors")).evaluate();
        Path again = tmp.resolve("again.safetensors");
        Model.save(a, again);
        Module b = Model.load(again).evaluate();
        assertTrue(Files.size(again) > 0);
        Tensor x = FashionMnist.test(data).inputs();
        assertArrayEquals(a.forward(x).toTensor("a").toFloatArray(), b.forward(x).toTensor("b").toFloatArray(),
                preset + ": load, save, load changed the outputs");
    }
}
