package jtorch.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jtorch.tensor.Tensor;

/**
 * The safetensors file format (Hugging Face): an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32"|"F64"|"I32", "shape": [...], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, then the tensors' raw little-endian bytes, offsets relative to the data start.
 * <p>I/O failures throw {@link java.io.UncheckedIOException}; a malformed file throws {@link IllegalArgumentException}
 * naming the file and what is wrong.
 */
public final class Safetensors {
    private Safetensors() {}

    /** What {@link #read} returns: tensors in file order, and the string metadata (empty when absent). */
    public record Loaded(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Writes {@code tensors} (in map order, each contiguous) and {@code metadata} to {@code file}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Reads and validates {@code file}. */
    public static Loaded read(Path file) {
        throw new UnsupportedOperationException("not yet");
    }
}
