package jtorch.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.rnn.LookupTable;
import jtorch.nn.rnn.OneHot;
import jtorch.nn.rnn.RecurrentLM;

/**
 * A recurrent language model and its vocabulary in one model file: the network as {@link Model#save} writes it, and
 * the metadata entry {@value #VOCABULARY_KEY}, a JSON array of the tokens (strings) in id order, so that a sampler
 * can turn ids back into text without the training data. {@link #load} checks that the network is a
 * {@link RecurrentLM} network ({@code Sequential(encoder, fused rnn, head...)}) and that the vocabulary is a list of
 * distinct strings whose size is the encoder's input size.
 *
 * @param lm         the network, wrapped for stateful use
 * @param vocabulary token i of the model is {@code vocabulary.get(i)}
 */
public record LanguageModelFile(RecurrentLM lm, List<String> vocabulary) {
    public static final String VOCABULARY_KEY = "vocabulary";

    public LanguageModelFile {
        vocabulary = List.copyOf(vocabulary);
    }

    public void save(Path file) { Model.save(lm.model(), file, Map.of(VOCABULARY_KEY, Json.write(vocabulary))); }

    public static LanguageModelFile load(Path file) {
        Map<String, String> meta = Model.metadata(file);
        String v = meta.get(VOCABULARY_KEY);
        if (v == null) throw new IllegalArgumentException(file + ": not a language model file (no \"" + VOCABULARY_KEY
                + "\" metadata; write it with LanguageModelFile.save or jtorch train --data text:FILE)");
        Object parsed;
        try {
            parsed = Json.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the \"" + VOCABULARY_KEY + "\" metadata is not JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof List<?> list) || list.isEmpty()) throw new IllegalArgumentException(file + ": the \""
                + VOCABULARY_KEY + "\" metadata must be a non-empty JSON array of strings");
        List<String> vocab = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) throw new IllegalArgumentException(file + ": vocabulary entry " + vocab.size()
                    + " is " + o + ", expected a string");
            vocab.add(s);
        }
        if (new HashSet<>(vocab).size() != vocab.size()) throw new IllegalArgumentException(file
                + ": the vocabulary has repeated tokens");
        Module m = Model.load(file);
        if (!(m instanceof Sequential s)) throw new IllegalArgumentException(file + ": expected a Sequential(encoder, rnn,"
                + " head...) language model, got " + m.name());
        RecurrentLM lm;
        try {
            lm = RecurrentLM.of(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        int n = s.get(0) instanceof OneHot o ? o.nIndex() : s.get(0) instanceof LookupTable t ? t.weight().size(0) : -1;
        if (n != vocab.size()) throw new IllegalArgumentException(file + ": the vocabulary has " + vocab.size()
                + " tokens, the network's encoder " + s.get(0).name() + " takes " + n);
        return new LanguageModelFile(lm, vocab);
    }
}
