package jtorch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jtorch.data.Digits;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;

/**
 * The {@code --data} choice: {@code digits} (the embedded UCI set; a seeded 20 % is held out as the test split),
 * {@code fashion-mnist} (the IDX files in {@link FashionMnist#DEFAULT_DIR}: 60,000 train, 10,000 test) or a directory
 * holding the four MNIST-layout IDX files ({@code train-images-idx3-ubyte[.gz]}, ...). A validation split of
 * {@code valFraction} is cut from the training split (seeded); the test split is only for the final number: nothing
 * (early stopping, the best epoch, a search) is ever chosen by it. {@code valFraction = 0}: no validation split.
 *
 * @param train      inputs [N, F] in [0, 1], targets I32 [N]
 * @param validation as train, or null
 * @param test       the held-out split
 */
record DataChoice(String name, TensorDataset train, TensorDataset validation, TensorDataset test, List<String> classes) {
    static final double DIGITS_TEST_FRACTION = 0.2;

    static DataChoice load(String spec, double valFraction, long seed) {
        TensorDataset train, test;
        List<String> classes;
        String name;
        switch (spec) {
            case "digits" -> {
                TensorDataset[] s = Digits.load().randomSplit(1 - DIGITS_TEST_FRACTION, seed);
                train = s[0];
                test = s[1];
                classes = numbered(10);
                name = "digits";
            }
            case "fashion-mnist", "fashion" -> {
                Path dir = FashionMnist.DEFAULT_DIR;
                if (!FashionMnist.available(dir)) throw new CliException("Fashion-MNIST is not in " + dir
                        + " (install Debian's dataset-fashion-mnist, or pass --data DIR holding the IDX files)");
                train = FashionMnist.train(dir);
                test = FashionMnist.test(dir);
                classes = FashionMnist.CLASSES;
                name = "fashion-mnist";
            }
            default -> {
                Path dir = Path.of(spec);
                if (!Files.isDirectory(dir)) throw new CliException("--data: '" + spec
                        + "' is neither digits, fashion-mnist nor a directory");
                if (!FashionMnist.available(dir)) throw new CliException("--data: " + dir
                        + " does not hold train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                        + "t10k-labels-idx1-ubyte (plain or .gz)");
                train = FashionMnist.train(dir);
                test = FashionMnist.test(dir);
                classes = numbered(10);
                name = dir.toString();
            }
        }
        TensorDataset validation = null;
        if (valFraction > 0) {
            TensorDataset[] s = train.randomSplit(1 - valFraction, seed + 1);
            if (s[1].size() == 0) throw new CliException("--val-fraction " + valFraction + " leaves no validation examples");
            train = s[0];
            validation = s[1];
        }
        return new DataChoice(name, train, validation, test, classes);
    }

    /** Number of input features (dimension 1 of the inputs). */
    int features() { return train.inputs().size(1); }

    static List<String> numbered(int n) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(Integer.toString(i));
        return r;
    }
}
