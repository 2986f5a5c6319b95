package jtorch.nn.penalty;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.Sequential;

/**
 * An auto-encoder y = decoder(encoder(x)) whose decoder may reuse the encoder's weights through {@link TiedLinear}s:
 * a {@link Sequential} of exactly two children, {@link #encoder()} (child 0) and {@link #decoder()} (child 1), that
 * also saves the ties. Its model-file argument {@code ties} lists, for every TiedLinear in the tree, its path and its
 * encoder's path relative to this module ({@code "1.0=0.1"}: the TiedLinear at 1.0 uses the weight of the module at
 * 0.1); loading rebuilds the children and links each TiedLinear again, so the loaded network shares W as the saved
 * one did. Every TiedLinear inside must be tied to a module inside. The shared W is one parameter (the encoder's):
 * {@code getParameters()} counts it once, and its gradient sums the encoder's and the decoders' parts.
 */
public class TiedAutoEncoder extends Sequential {
    public static final ModuleType<TiedAutoEncoder> TYPE = ModuleType.container("TiedAutoEncoder", TiedAutoEncoder.class,
            m -> ModuleArgs.of("ties", m.ties()), (a, children) -> {
                if (children.size() != 2) throw new IllegalArgumentException("TiedAutoEncoder: needs 2 children "
                        + "(encoder, decoder), got " + children.size());
                TiedAutoEncoder t = new TiedAutoEncoder(children.get(0), children.get(1), false);
                t.resolve(a.strings("ties"));
                return t;
            });

    /** The auto-encoder decoder(encoder(x)); every TiedLinear in either part must be tied to a module in this tree. */
    public TiedAutoEncoder(Module encoder, Module decoder) {
        this(encoder, decoder, true);
    }

    private TiedAutoEncoder(Module encoder, Module decoder, boolean check) {
        super.add(encoder);
        super.add(decoder);
        if (check) ties();
        for (TiedLinear t : tiedLinears().values()) t.owner = this;
    }

    /** Child 0. */
    public Module encoder() { return get(0); }

    /** Child 1. */
    public Module decoder() { return get(1); }

    /** Always throws: a TiedAutoEncoder has exactly its encoder and decoder. */
    @Override public Sequential add(Module m) {
        throw new UnsupportedOperationException(name() + ".add: a TiedAutoEncoder has exactly two children (encoder,"
                + " decoder), given to its constructor");
    }

    @Override public TiedAutoEncoder clone() { return (TiedAutoEncoder) super.clone(); }

    /** Every module of the tree by path relative to this module ("0", "1.2"), depth first. */
    private LinkedHashMap<String, Module> paths() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        List<Module> ch = children();
        for (int i = 0; i < ch.size(); i++) walk(String.valueOf(i), ch.get(i), out);
        return out;
    }

    private static void walk(String path, Module m, Map<String, Module> out) {
        out.put(path, m);
        List<Module> ch = m.children();
        for (int i = 0; i < ch.size(); i++) walk(path + "." + i, ch.get(i), out);
    }

    private LinkedHashMap<String, TiedLinear> tiedLinears() {
        LinkedHashMap<String, TiedLinear> out = new LinkedHashMap<>();
        paths().forEach((p, m) -> { if (m instanceof TiedLinear t) out.put(p, t); });
        return out;
    }

    /** The ties as "decoderPath=encoderPath"; throws when a TiedLinear is tied outside this tree. */
    List<String> ties() {
        IdentityHashMap<Module, String> where = new IdentityHashMap<>();
        paths().forEach((p, m) -> where.putIfAbsent(m, p));
        List<String> out = new ArrayList<>();
        tiedLinears().forEach((p, t) -> {
            if (t.encoder() == null) return;
            String e = where.get(t.encoder());
            if (e == null) throw new IllegalArgumentException("TiedAutoEncoder: the " + t.name() + " at " + p
                    + " is tied to " + t.encoder().name() + ", which is not inside this TiedAutoEncoder");
            out.add(p + "=" + e);
        });
        return out;
    }

    private void resolve(List<String> ties) {
        Map<String, Module> byPath = paths();
        for (String tie : ties) {
            int eq = tie.indexOf('=');
            Module d = eq < 0 ? null : byPath.get(tie.substring(0, eq)), e = eq < 0 ? null : byPath.get(tie.substring(eq + 1));
            if (!(d instanceof TiedLinear t) || e == null) throw new IllegalArgumentException("TiedAutoEncoder: bad tie '"
                    + tie + "' (expected decoderPath=encoderPath, the first a TiedLinear, both inside the auto-encoder)");
            t.link(e);
        }
    }
}
