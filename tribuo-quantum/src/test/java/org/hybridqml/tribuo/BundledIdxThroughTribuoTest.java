package org.hybridqml.tribuo;

import org.hybridqml.data.BundledDatasets;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled IDX test sets load through Tribuo's own {@link IDXDataSource}. */
class BundledIdxThroughTribuoTest {

    @Test
    void fashionMnistTestSetLoadsAsTenClassesOf784Pixels() throws IOException {
        var source = new IDXDataSource<>(
                BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"),
                BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"),
                new LabelFactory());
        MutableDataset<Label> data = new MutableDataset<>(source);
        assertEquals(10000, data.size());
        assertEquals(10, data.getOutputInfo().size());
        assertEquals(784, data.getFeatureMap().size(), "every pixel is non-zero in some image");
        // Tribuo drops zero-valued pixels: examples are sparse, which our trainers must map back to dense.
        assertTrue(data.getExample(0).size() < 784);
    }
}
