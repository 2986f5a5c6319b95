package jtorch.nn.softmax;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Class-based (two-level) hierarchical softmax (Goodman 2001; Mikolov et al. 2011), the output layer of a language
 * model over V words split into C classes by {@link WordClasses} (Torch7 nnx's {@code SoftMaxTree} with a tree of depth
 * two). Input the table {h [B, H], target [B] I32 word ids}; output [B]:
 * <pre>
 * log p(w | h) = log softmax(U h + a)[c]  +  log softmax(W_c h + b_c)[w]      c = class(w)
 * </pre>
 * U [C, H], a [C] score the classes, W_c and b_c (the rows of class c in W [V, H], b [V]) the words of class c. A
 * training step costs about (C + V/C) · H multiply-adds per example instead of V · H; minimise the negated output
 * with {@link jtorch.nn.criterion.TreeNLLCriterion}, in place of Linear + LogSoftMax + ClassNLLCriterion.
 * {@link #logProbs} gives the exact normalised log-probabilities over the whole vocabulary [N, V] (they sum to 1 in
 * probability), for evaluation.
 * <p>Parameters {@code classWeight} U, {@code classBias} a, {@code weight} W and {@code bias} b, whose rows are in the
 * class-sorted order of {@link WordClasses} (word w in row {@code row(w)}); initialised U(-1/√H, 1/√H) as Linear. The
 * class assignment is the constructor argument {@code wordClass}, saved with the model.
 * <p>Backward: with g = ∂L/∂out [B], the class logits get g_b (onehot(c_b) - p(· | h_b)) and the words of class c_b
 * get g_b (onehot(w_b) - p(· | c_b, h_b)); ∂h, ∂U, ∂a, ∂W_c, ∂b_c follow as for Linear. The target gets no gradient
 * (a zero I32 tensor). Examples of one class are computed together (one matrix product per class in the batch): the
 * grouping reads the B target ids to the host (index bookkeeping only); all arithmetic is tensor operations, so the
 * module runs on any back end.
 */
public class SoftMaxTree extends Module {
    public static final ModuleType<SoftMaxTree> TYPE = ModuleType.of("SoftMaxTree", SoftMaxTree.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "wordClass", m.classes.assignment()),
            a -> new SoftMaxTree(a.integer("inputSize"), new WordClasses(a.ints("wordClass"))));
    private final int inputSize;
    private final WordClasses classes;
    private Tensor rowIndex; // [V] I32: word -> row, for logProbs
    /** Per forward: the classes present in the batch, their examples and results. */
    private record Group(int cls, Tensor idx, Tensor col, Tensor h, Tensor logp) {}
    private List<Group> groups = new ArrayList<>();
    private List<Tensor> deltas = new ArrayList<>();
    private Tensor classLogp, classCol, classDelta;
    private boolean deltaFresh;

    /** An output layer from H = {@code inputSize} over the words and classes of {@code classes}. */
    public SoftMaxTree(int inputSize, WordClasses classes) {
        if (inputSize < 1) throw new IllegalArgumentException("SoftMaxTree: inputSize must be positive, got " + inputSize);
        this.inputSize = inputSize;
        this.classes = classes;
        int c = classes.classes(), v = classes.words();
        addParameter("classWeight", c, inputSize);
        addParameter("classBias", c);
        addParameter("weight", v, inputSize);
        addParameter("bias", v);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Frequency classes ({@link WordClasses#byFrequency}) of the training counts of each word. */
    public static SoftMaxTree byFrequency(int inputSize, int[] counts, int nClasses) {
        return new SoftMaxTree(inputSize, WordClasses.byFrequency(counts, nClasses));
    }

    /** Re-draws every parameter U(-1/√H, 1/√H) in place. */
    public SoftMaxTree reset(Generator g) {
        double s = 1 / Math.sqrt(inputSize);
        for (Tensor p : parameters().weights()) p.copy(Tensor.rand(g, p.sizes()).mulInPlace(2 * s).subInPlace(s));
        return this;
    }

    /** The class assignment. */
    public WordClasses wordClasses() { return classes; }
    public int inputSize() { return inputSize; }

    @Override public SoftMaxTree clone() { return (SoftMaxTree) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = Rows.hiddenAndTarget(name(), input, inputSize, classes.words());
        Tensor h = in[0];
        int b = h.size(0);
        int[] t = in[1].toIntArray(), cls = new int[b], col = new int[b], count = new int[classes.classes()];
        for (int i = 0; i < b; i++) {
            cls[i] = classes.classOf(t[i]);
            col[i] = classes.row(t[i]) - classes.start(cls[i]);
            count[cls[i]]++;
        }
        classLogp = reuse(classLogp, h, b, classes.classes());
        classLogp.addmmInPlace(0, 1, h, param("classWeight").t()).addInPlace(param("classBias"));
        Rows.logSoftMaxInPlace(classLogp);
        classCol = Rows.ints(h, cls, b, 1);
        Tensor out = reuse(output, h, b);
        classLogp.gather(1, classCol, out.view(b, 1));
        groups = new ArrayList<>();
        for (int c = 0; c < count.length; c++) {
            if (count[c] == 0) continue;
            int[] idx = new int[count[c]], cc = new int[count[c]];
            for (int i = 0, n = 0; i < b; i++) if (cls[i] == c) { idx[n] = i; cc[n++] = col[i]; }
            Tensor ix = Rows.ints(h, idx, idx.length), cx = Rows.ints(h, cc, cc.length, 1);
            Tensor hc = h.indexSelect(0, ix);
            Tensor logp = hc.mm(rows(param("weight"), c).t()).addInPlace(rows(param("bias"), c));
            Rows.logSoftMaxInPlace(logp);
            out.scatterAddInPlace(0, ix, logp.gather(1, cx).view(idx.length));
            groups.add(new Group(c, ix, cx, hc, logp));
        }
        deltaFresh = false;
        return out;
    }

    /** The rows of class c of a parameter or gradient. */
    private Tensor rows(Tensor p, int c) { return p.narrow(0, classes.start(c), classes.size(c)); }

    private void backprop(Activity gradOutput) {
        Tensor g = Rows.grad(name(), gradOutput, classLogp.size(0));
        classDelta = Rows.logSoftMaxPickGrad(classLogp, g, classCol);
        deltas = new ArrayList<>();
        for (Group gr : groups) deltas.add(Rows.logSoftMaxPickGrad(gr.logp(), g.indexSelect(0, gr.idx()), gr.col()));
        deltaFresh = true;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] in = Rows.hiddenAndTarget(name(), input, inputSize, classes.words());
        backprop(gradOutput);
        Tensor h = in[0], gh = h.newZeros(h.sizes()).addmmInPlace(0, 1, classDelta, param("classWeight"));
        for (int i = 0; i < groups.size(); i++) {
            Group gr = groups.get(i);
            Tensor part = deltas.get(i).mm(rows(param("weight"), gr.cls()));
            gh.scatterAddInPlace(0, gr.idx().view(gr.idx().size(0), 1).expand(part.sizes()), part);
        }
        return Table.of(gh, in[1].zerosLike());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor h = Rows.hiddenAndTarget(name(), input, inputSize, classes.words())[0];
        if (!deltaFresh) backprop(gradOutput);
        deltaFresh = false;
        grad("classWeight").addmmInPlace(1, scale, classDelta.t(), h);
        grad("classBias").addInPlace(scale, classDelta.sum(0, false));
        for (int i = 0; i < groups.size(); i++) {
            Group gr = groups.get(i);
            Tensor d = deltas.get(i);
            rows(grad("weight"), gr.cls()).addmmInPlace(1, scale, d.t(), gr.h());
            rows(grad("bias"), gr.cls()).addInPlace(scale, d.sum(0, false));
        }
    }

    /**
     * Exact log p(w | h) for every word, [N, V] in word-id order (not the class-sorted order): one product h · Wᵀ,
     * a log-softmax within each class, plus the class's log-probability. exp of a row sums to 1.
     */
    public Tensor logProbs(Tensor h) {
        h = Rows.hidden(name(), h, inputSize);
        int n = h.size(0);
        Tensor cl = h.mm(param("classWeight").t()).addInPlace(param("classBias"));
        Rows.logSoftMaxInPlace(cl);
        Tensor all = h.mm(param("weight").t()).addInPlace(param("bias"));
        for (int c = 0; c < classes.classes(); c++) {
            Tensor block = all.narrow(1, classes.start(c), classes.size(c));
            Rows.logSoftMaxInPlace(block).addInPlace(cl.narrow(1, c, 1));
        }
        if (rowIndex == null || rowIndex.backend() != h.backend()) rowIndex = Rows.ints(h, classes.rows(), classes.words());
        return all.indexSelect(1, rowIndex);
    }

    /** Exact log p(target_b | h_b) [N]: runs forward and returns a copy of its output. */
    public Tensor logProb(Tensor h, Tensor target) { return forward(Table.of(h, target)).toTensor(name()).clone(); }

    @Override protected void clearOwnState() {
        groups = new ArrayList<>();
        deltas = new ArrayList<>();
        classLogp = classCol = classDelta = rowIndex = null;
        deltaFresh = false;
    }

    @Override public String name() {
        return "SoftMaxTree(" + inputSize + " -> " + classes.words() + " words in " + classes.classes() + " classes)";
    }
}
