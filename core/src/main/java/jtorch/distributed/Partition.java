package jtorch.distributed;

import jtorch.data.Batch;
import jtorch.data.Dataset;

/**
 * Worker r's share of a data set for the asynchronous modes and EASGD: examples r, r + p, r + 2p, … (a view; the
 * underlying data set is not copied).
 */
public record Partition(Dataset dataset, int rank, int workers) implements Dataset {
    public Partition {
        if (workers < 1 || rank < 0 || rank >= workers || dataset.size() < workers) throw new IllegalArgumentException(
                "Partition: rank " + rank + " of " + workers + " workers over " + dataset.size() + " examples");
    }

    @Override public int size() { return (dataset.size() - rank + workers - 1) / workers; }

    @Override public Batch get(int i) { return dataset.get(rank + i * workers); }

    @Override public Batch batch(int[] indices) {
        int[] ix = new int[indices.length];
        for (int k = 0; k < ix.length; k++) ix[k] = rank + indices[k] * workers;
        return dataset.batch(ix);
    }
}
