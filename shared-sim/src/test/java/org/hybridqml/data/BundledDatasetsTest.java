package org.hybridqml.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bundled data set loads with the counts its README states. */
class BundledDatasetsTest {

    @Test
    void isbiHas25GrayscalePairsOf512WithBinaryMasks() throws IOException {
        Path train = BundledDatasets.resolve("isbi2012-membrane", "train");
        for (int i = 0; i < 25; i++) {
            ImageTensor img = ImageFiles.read(train.resolve("image").resolve(i + ".png"), 1);
            assertEquals(512, img.height());
            assertEquals(512, img.width());
            assertTrue(Files.exists(train.resolve("label").resolve(i + ".png")), "mask " + i);
        }
        ImageTensor mask = ImageFiles.read(train.resolve("label").resolve("0.png"), 1);
        double interior = 0;
        for (float v : mask.data()) {
            assertTrue(v == 0f || v == 1f, "mask values are 0 or 255");
            interior += v;
        }
        double frac = interior / (512 * 512);
        assertTrue(frac > 0.6 && frac < 0.9, "cell interior is most of the slice, got " + frac);
    }

    @Test
    void emotionsSplitHasMulanCounts() throws IOException {
        Path dir = BundledDatasets.resolve("mulan-multilabel", "emotions");
        MultiLabelData train = MultiLabelData.readMulan(dir.resolve("emotions-train.arff"), dir.resolve("emotions.xml"));
        MultiLabelData test = MultiLabelData.readMulan(dir.resolve("emotions-test.arff"), dir.resolve("emotions.xml"));
        assertEquals(391, train.size());
        assertEquals(202, test.size());
        assertEquals(72, train.numFeatures());
        assertEquals(6, train.numLabels());
        assertEquals("amazed-suprised", train.labelNames().get(0));
        int positives = Arrays.stream(train.labels()).mapToInt(r -> Arrays.stream(r).sum()).sum();
        assertTrue(positives > 391, "emotions has label cardinality near 1.9");
    }

    @Test
    void digitsHave1797RowsOf64PixelsAndALabel() throws IOException {
        double[][] d = CsvMatrix.read(BundledDatasets.resolve("sklearn-digits", "digits.csv.gz"));
        assertEquals(1797, d.length);
        assertEquals(65, d[0].length);
        int[] perClass = new int[10];
        for (double[] row : d) {
            perClass[(int) row[64]]++;
        }
        for (int c : perClass) {
            assertTrue(c >= 170 && c <= 190, "about 180 per class");
        }
    }

    @Test
    void idxTestSetsHave10000ImagesOf28x28() throws IOException {
        for (String set : new String[]{"fashion-mnist", "mnist/idx"}) {
            IdxFile images = IdxFile.read(BundledDatasets.resolve(set, "t10k-images-idx3-ubyte.gz"));
            IdxFile labels = IdxFile.read(BundledDatasets.resolve(set, "t10k-labels-idx1-ubyte.gz"));
            assertArrayEquals(new int[]{10000, 28, 28}, images.dimensions());
            assertEquals(10000, labels.count());
            assertTrue(Arrays.stream(labels.values()).allMatch(v -> v >= 0 && v <= 9));
        }
    }

    @Test
    void missingFilesAreNamedInTheError() {
        var e = assertThrows(RuntimeException.class, () -> BundledDatasets.resolve("no-such-set"));
        assertTrue(e.getMessage().contains("no-such-set"));
    }
}
