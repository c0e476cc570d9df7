package org.hybridqml.tribuo.classification;

import org.hybridqml.data.BundledDatasets;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.dataset.DatasetView;
import org.tribuo.datasource.IDXDataSource;

import java.io.IOException;

/** Test support: the bundled Fashion-MNIST test file through Tribuo's {@link IDXDataSource}, and its first images. */
public final class FashionSample {

    private FashionSample() {
    }

    /**
     * @return every image of the bundled file (28x28, raw 0-255 pixel values)
     * @throws IOException if the bundled file cannot be read
     */
    public static MutableDataset<Label> all() throws IOException {
        return new MutableDataset<>(new IDXDataSource<>(
                BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"),
                BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"), new LabelFactory()));
    }

    /**
     * @param all the data set
     * @param n   how many
     * @return a view of its first n examples, named {@code train}
     */
    public static DatasetView<Label> first(MutableDataset<Label> all, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return new DatasetView<>(all, rows, "train");
    }
}
