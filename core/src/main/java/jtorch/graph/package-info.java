/**
 * Graphs of modules (Torch7's nngraph): {@link jtorch.graph.Node}s wire modules into a directed acyclic graph, and a
 * {@link jtorch.graph.Graph} built from input and output nodes is a {@link jtorch.nn.Module}. This package sits above
 * {@code jtorch.nn} (and {@code jtorch.io}, whose registry knows the {@code Graph} type by name); neither depends on it.
 */
package jtorch.graph;
