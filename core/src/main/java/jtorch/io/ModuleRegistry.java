package jtorch.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * Describes a network as JSON and rebuilds it, by explicit registration of every module type of {@code jtorch.nn}
 * (no reflection; the list is in {@code ModuleTypes}). A module is described as
 * {@code {"type": "Linear", "args": {"inputSize": 4, "outputSize": 3, "bias": true}}}; a container adds
 * {@code "children": [...]}; {@code args} is left out when empty. Example:
 * <pre>{"type":"Sequential","children":[{"type":"Linear","args":{"inputSize":4,"outputSize":3,"bias":true}},
 * {"type":"Tanh"}]}</pre>
 * The description holds everything a module is built from (sizes, constants, Dropout's p), not its weights:
 * {@link Model} stores those beside it. A rebuilt module has freshly initialised weights (its constructor draws from
 * {@link jtorch.tensor.Generator#global()}).
 * <p>Parameters are named by path: the child indices from the root joined by dots, then the parameter's name, e.g.
 * {@code 0.weight}, {@code 0.bias}, {@code 2.1.weight} ({@link #namedParameters}).
 * <p>Only the registered classes themselves are accepted (a subclass is a different module); anything else, an unknown
 * type name, a missing or unexpected argument throws {@link IllegalArgumentException} naming the module's path.
 */
public final class ModuleRegistry {
    private ModuleRegistry() {}

    private static final Map<String, ModuleType<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, ModuleType<?>> BY_CLASS = new HashMap<>();

    static {
        for (ModuleType<?> t : ModuleTypes.all()) {
            if (BY_NAME.put(t.name(), t) != null || BY_CLASS.put(t.cls(), t) != null) {
                throw new AssertionError("module type registered twice: " + t.name());
            }
        }
    }

    /** The registered type names, sorted. */
    public static Set<String> types() { return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet())); }

    /** True when {@code cls} itself (not a superclass of it) is registered. */
    public static boolean isRegistered(Class<? extends Module> cls) { return BY_CLASS.containsKey(cls); }

    /** The compact JSON description of {@code m} and its children. */
    public static String toJson(Module m) { return Json.write(describe(m)); }

    /** The description of {@code m} as JSON values (maps, lists, strings, numbers). */
    public static Map<String, Object> describe(Module m) { return describe(m, "root"); }

    private static Map<String, Object> describe(Module m, String path) {
        if (m == null) throw new IllegalArgumentException("ModuleRegistry: null module at " + path);
        ModuleType<?> t = typeOf(m, path);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", t.name());
        Map<String, Object> args = t.argsOf(m);
        if (!args.isEmpty()) node.put("args", args);
        if (t.container()) {
            List<Object> children = new ArrayList<>();
            List<Module> ch = m.children();
            for (int i = 0; i < ch.size(); i++) children.add(describe(ch.get(i), childPath(path, i)));
            node.put("children", children);
        }
        return node;
    }

    /** Builds the network described by {@code json}. */
    public static Module fromJson(String json) {
        Object node;
        try {
            node = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("module description: " + e.getMessage(), e);
        }
        return build(node);
    }

    /** Builds the network of a description given as JSON values (see {@link #describe}). */
    public static Module build(Object description) { return build(description, "root"); }

    private static Module build(Object description, String path) {
        if (!(description instanceof Map<?, ?> raw)) throw new IllegalArgumentException("module " + path
                + ": expected an object {\"type\": ...}, got " + Json.kind(description));
        @SuppressWarnings("unchecked") Map<String, Object> node = (Map<String, Object>) raw;
        for (String k : node.keySet()) {
            if (!k.equals("type") && !k.equals("args") && !k.equals("children")) throw new IllegalArgumentException(
                    "module " + path + ": unknown field \"" + k + "\" (known: type, args, children)");
        }
        if (!(node.get("type") instanceof String name)) throw new IllegalArgumentException("module " + path
                + ": missing or non-string \"type\"");
        ModuleType<?> t = BY_NAME.get(name);
        if (t == null) throw new IllegalArgumentException("module " + path + ": unknown module type \"" + name
                + "\" (known: " + String.join(", ", types()) + ")");
        String where = "module " + path + " (" + name + ")";
        Object argsNode = node.getOrDefault("args", Map.of());
        if (!(argsNode instanceof Map<?, ?> argsMap)) throw new IllegalArgumentException(where
                + ": \"args\" must be an object, got " + Json.kind(argsNode));
        @SuppressWarnings("unchecked") ModuleArgs args = new ModuleArgs(where, (Map<String, Object>) argsMap);
        List<Module> children = new ArrayList<>();
        Object ch = node.get("children");
        if (t.container()) {
            if (!(ch instanceof List<?> list)) throw new IllegalArgumentException(where
                    + ": a container needs a \"children\" array");
            for (int i = 0; i < list.size(); i++) children.add(build(list.get(i), childPath(path, i)));
        } else if (ch != null) {
            throw new IllegalArgumentException(where + ": takes no children");
        }
        Module m;
        try {
            m = t.build().apply(args, children);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) throw e;
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        args.checkAllUsed();
        return m;
    }

    /**
     * Every parameter (weight, not gradient) of {@code m} by path, in {@code parameters()} (and so
     * {@code getParameters()}) order. Throws when a module is not registered.
     */
    public static LinkedHashMap<String, Tensor> namedParameters(Module m) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collect(m, "", "root", out);
        List<Tensor> all = m.parameters().weights();
        if (all.size() != out.size()) throw new IllegalStateException("ModuleRegistry: found " + out.size()
                + " named parameters but the network has " + all.size());
        int i = 0;
        for (Tensor t : out.values()) {
            if (t != all.get(i++)) throw new IllegalStateException("ModuleRegistry: parameter order differs from parameters()");
        }
        return out;
    }

    private static void collect(Module m, String prefix, String path, Map<String, Tensor> out) {
        ModuleType<?> t = typeOf(m, path);
        List<String> names = t.parameterNamesOf(m);
        List<Module> ch = m.children();
        if (!names.isEmpty()) {
            if (!ch.isEmpty()) throw new IllegalStateException("module " + path + ": a module with both its own parameters"
                    + " and children is not supported");
            List<Tensor> w = m.parameters().weights();
            if (w.size() != names.size()) throw new IllegalStateException("module " + path + " (" + t.name() + ") has "
                    + w.size() + " parameters, the registry names " + names);
            for (int i = 0; i < names.size(); i++) out.put(prefix + names.get(i), w.get(i));
        }
        for (int i = 0; i < ch.size(); i++) collect(ch.get(i), prefix + i + ".", childPath(path, i), out);
    }

    private static ModuleType<?> typeOf(Module m, String path) {
        ModuleType<?> t = BY_CLASS.get(m.getClass());
        if (t == null) throw new IllegalArgumentException("module " + path + ": type " + m.getClass().getName()
                + " is not registered in jtorch.io.ModuleRegistry, so it cannot be saved (known: "
                + String.join(", ", types()) + ")");
        return t;
    }

    private static String childPath(String path, int i) { return path.equals("root") ? Integer.toString(i) : path + "." + i; }
}
