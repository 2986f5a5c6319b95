package jtorch.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import jtorch.nn.Concat;
import jtorch.nn.ConcatTable;
import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.ParallelTable;
import jtorch.nn.Sequential;
import jtorch.nn.Switch;
import jtorch.nn.activation.Abs;
import jtorch.nn.activation.AddConstant;
import jtorch.nn.activation.ELU;
import jtorch.nn.activation.Exp;
import jtorch.nn.activation.HardTanh;
import jtorch.nn.activation.LeakyReLU;
import jtorch.nn.activation.Log;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.MulConstant;
import jtorch.nn.activation.Power;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.activation.SoftMax;
import jtorch.nn.activation.SoftPlus;
import jtorch.nn.activation.Sqrt;
import jtorch.nn.activation.Square;
import jtorch.nn.activation.Tanh;
import jtorch.nn.distance.Euclidean;
import jtorch.nn.distance.PairwiseDistance;
import jtorch.nn.layer.Add;
import jtorch.nn.layer.CAdd;
import jtorch.nn.layer.CMul;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Identity;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Mul;
import jtorch.nn.layer.Narrow;
import jtorch.nn.layer.Replicate;
import jtorch.nn.layer.Reshape;
import jtorch.nn.layer.Select;
import jtorch.nn.layer.View;
import jtorch.nn.reduce.LogSumExp;
import jtorch.nn.reduce.Max;
import jtorch.nn.reduce.Mean;
import jtorch.nn.reduce.Min;
import jtorch.nn.reduce.Sum;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMaxTable;
import jtorch.nn.table.CMinTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.CSubTable;
import jtorch.nn.table.JoinTable;
import jtorch.nn.table.SelectTable;
import jtorch.nn.table.SplitTable;

/** The explicit list of every module type of {@code jtorch.nn} that {@link ModuleRegistry} can describe and rebuild. */
final class ModuleTypes {
    private ModuleTypes() {}

    static List<ModuleType<?>> all() {
        List<ModuleType<?>> t = new ArrayList<>();
        // containers
        t.add(container("Sequential", Sequential.class, m -> Map.of(), (a, ch) -> addAll(new Sequential(), ch)));
        t.add(container("Concat", Concat.class, m -> args("dim", m.dimension()),
                (a, ch) -> addAll(new Concat(a.integer("dim")), ch)));
        t.add(container("ConcatTable", ConcatTable.class, m -> Map.of(), (a, ch) -> addAll(new ConcatTable(), ch)));
        t.add(container("ParallelTable", ParallelTable.class, m -> Map.of(), (a, ch) -> addAll(new ParallelTable(), ch)));
        t.add(container("Switch", Switch.class, m -> Map.of(), (a, ch) -> new Switch(ch.toArray(Module[]::new))));
        // layers
        t.add(leaf("Linear", Linear.class, m -> args("inputSize", m.inputSize(), "outputSize", m.outputSize(),
                        "bias", m.bias != null),
                a -> new Linear(a.integer("inputSize"), a.integer("outputSize"), a.bool("bias")),
                m -> m.bias != null ? List.of("weight", "bias") : List.of("weight")));
        t.add(leaf("CAdd", CAdd.class, m -> args("sizes", ints(m.sizes())), a -> new CAdd(a.ints("sizes")), List.of("bias")));
        t.add(leaf("Add", Add.class, m -> args("sizes", ints(m.sizes())), a -> new Add(a.ints("sizes")), List.of("bias")));
        t.add(leaf("CMul", CMul.class, m -> args("sizes", ints(m.sizes())), a -> new CMul(a.ints("sizes")), List.of("weight")));
        t.add(leaf("Mul", Mul.class, m -> Map.of(), a -> new Mul(), List.of("weight")));
        t.add(leaf("Dropout", Dropout.class, m -> args("p", Json.number(m.p())), a -> new Dropout(a.number("p")), List.of()));
        t.add(simple("Identity", Identity.class, Identity::new));
        t.add(leaf("Narrow", Narrow.class, m -> args("dim", m.dim(), "offset", m.offset(), "length", m.length()),
                a -> new Narrow(a.integer("dim"), a.integer("offset"), a.integer("length")), List.of()));
        t.add(leaf("Replicate", Replicate.class, m -> args("nFeatures", m.nFeatures(), "dim", m.dim()),
                a -> new Replicate(a.integer("nFeatures"), a.integer("dim")), List.of()));
        t.add(leaf("Reshape", Reshape.class, m -> args("sizes", ints(m.sizes())), a -> new Reshape(a.ints("sizes")), List.of()));
        t.add(leaf("View", View.class, m -> args("sizes", ints(m.sizes())), a -> new View(a.ints("sizes")), List.of()));
        t.add(leaf("Select", Select.class, m -> args("dim", m.dim(), "index", m.index()),
                a -> new Select(a.integer("dim"), a.integer("index")), List.of()));
        // distances
        t.add(leaf("Euclidean", Euclidean.class, m -> args("inputSize", m.inputSize(), "outputSize", m.outputSize()),
                a -> new Euclidean(a.integer("inputSize"), a.integer("outputSize")), List.of("weight")));
        t.add(leaf("PairwiseDistance", PairwiseDistance.class, m -> args("p", Json.number(m.p())),
                a -> new PairwiseDistance(a.number("p")), List.of()));
        // activations
        t.add(simple("Abs", Abs.class, Abs::new));
        t.add(simple("Exp", Exp.class, Exp::new));
        t.add(simple("Log", Log.class, Log::new));
        t.add(simple("LogSoftMax", LogSoftMax.class, LogSoftMax::new));
        t.add(simple("ReLU", ReLU.class, ReLU::new));
        t.add(simple("Sigmoid", Sigmoid.class, Sigmoid::new));
        t.add(simple("SoftMax", SoftMax.class, SoftMax::new));
        t.add(simple("Sqrt", Sqrt.class, Sqrt::new));
        t.add(simple("Square", Square.class, Square::new));
        t.add(simple("Tanh", Tanh.class, Tanh::new));
        t.add(leaf("AddConstant", AddConstant.class, m -> args("constant", Json.number(m.constant())),
                a -> new AddConstant(a.number("constant")), List.of()));
        t.add(leaf("MulConstant", MulConstant.class, m -> args("constant", Json.number(m.constant())),
                a -> new MulConstant(a.number("constant")), List.of()));
        t.add(leaf("ELU", ELU.class, m -> args("alpha", Json.number(m.alpha())), a -> new ELU(a.number("alpha")), List.of()));
        t.add(leaf("LeakyReLU", LeakyReLU.class, m -> args("negval", Json.number(m.negval())),
                a -> new LeakyReLU(a.number("negval")), List.of()));
        t.add(leaf("HardTanh", HardTanh.class, m -> args("min", Json.number(m.min()), "max", Json.number(m.max())),
                a -> new HardTanh(a.number("min"), a.number("max")), List.of()));
        t.add(leaf("SoftPlus", SoftPlus.class, m -> args("beta", Json.number(m.beta()), "threshold", Json.number(m.threshold())),
                a -> new SoftPlus(a.number("beta"), a.number("threshold")), List.of()));
        t.add(leaf("Power", Power.class, m -> args("p", Json.number(m.p())), a -> new Power(a.number("p")), List.of()));
        // reductions
        t.add(leaf("Sum", Sum.class, m -> args("dim", m.dim()), a -> new Sum(a.integer("dim")), List.of()));
        t.add(leaf("Mean", Mean.class, m -> args("dim", m.dim()), a -> new Mean(a.integer("dim")), List.of()));
        t.add(leaf("Max", Max.class, m -> args("dim", m.dim()), a -> new Max(a.integer("dim")), List.of()));
        t.add(leaf("Min", Min.class, m -> args("dim", m.dim()), a -> new Min(a.integer("dim")), List.of()));
        t.add(leaf("LogSumExp", LogSumExp.class, m -> args("dim", m.dim()), a -> new LogSumExp(a.integer("dim")), List.of()));
        // tables
        t.add(simple("CAddTable", CAddTable.class, CAddTable::new));
        t.add(simple("CSubTable", CSubTable.class, CSubTable::new));
        t.add(simple("CMulTable", CMulTable.class, CMulTable::new));
        t.add(simple("CMaxTable", CMaxTable.class, CMaxTable::new));
        t.add(simple("CMinTable", CMinTable.class, CMinTable::new));
        t.add(leaf("JoinTable", JoinTable.class, m -> args("dim", m.dim()), a -> new JoinTable(a.integer("dim")), List.of()));
        t.add(leaf("SplitTable", SplitTable.class, m -> args("dim", m.dim()), a -> new SplitTable(a.integer("dim")), List.of()));
        t.add(leaf("SelectTable", SelectTable.class, m -> args("index", m.index()),
                a -> new SelectTable(a.integer("index")), List.of()));
        return t;
    }

    private static <M extends Module> ModuleType<M> container(String name, Class<M> cls, Function<M, Map<String, Object>> args,
                                                              BiFunction<ModuleArgs, List<Module>, M> build) {
        return new ModuleType<>(name, cls, true, args, build, m -> List.of());
    }

    private static <M extends Module> ModuleType<M> leaf(String name, Class<M> cls, Function<M, Map<String, Object>> args,
                                                         Function<ModuleArgs, M> build, List<String> parameters) {
        return leaf(name, cls, args, build, m -> parameters);
    }

    private static <M extends Module> ModuleType<M> leaf(String name, Class<M> cls, Function<M, Map<String, Object>> args,
                                                         Function<ModuleArgs, M> build, Function<M, List<String>> parameters) {
        return new ModuleType<>(name, cls, false, args, (a, ch) -> build.apply(a), parameters);
    }

    private static <M extends Module> ModuleType<M> simple(String name, Class<M> cls, Supplier<M> ctor) {
        return leaf(name, cls, m -> Map.of(), a -> ctor.get(), List.of());
    }

    private static <C extends Container> C addAll(C c, List<Module> children) {
        for (Module m : children) c.add(m);
        return c;
    }

    /** Name/value pairs in order. */
    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    private static List<Object> ints(int[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (int v : a) l.add(v);
        return l;
    }
}
