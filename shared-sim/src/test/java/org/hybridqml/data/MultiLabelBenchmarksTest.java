package org.hybridqml.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bundled Mulan scene/yeast splits and MEKA's Music.arff load with the counts their READMEs state. */
class MultiLabelBenchmarksTest {

    private static MultiLabelData mulan(String set, String part) throws IOException {
        Path dir = BundledDatasets.resolve("mulan-multilabel", set);
        return MultiLabelData.readMulan(dir.resolve(set + "-" + part + ".arff"), dir.resolve(set + ".xml"));
    }

    /** Positives per label, in the data's label order. */
    private static int[] positivesPerLabel(MultiLabelData d) {
        int[] counts = new int[d.numLabels()];
        for (int[] row : d.labels()) {
            for (int l = 0; l < row.length; l++) {
                counts[l] += row[l];
            }
        }
        return counts;
    }

    @Test
    void sceneSplitHas1211TrainAnd1196TestOf294FeaturesAnd6Labels() throws IOException {
        MultiLabelData train = mulan("scene", "train");
        MultiLabelData test = mulan("scene", "test");
        assertEquals(1211, train.size());
        assertEquals(1196, test.size());
        assertEquals(294, train.numFeatures());
        assertEquals(294, test.numFeatures());
        assertEquals(List.of("Beach", "Sunset", "FallFoliage", "Field", "Mountain", "Urban"), train.labelNames());
        // Counted independently with a script over the raw files.
        assertArrayEquals(new int[]{227, 165, 197, 196, 277, 224}, positivesPerLabel(train));
        assertArrayEquals(new int[]{200, 199, 200, 237, 256, 207}, positivesPerLabel(test));
        assertEquals(0.646467, train.features()[0][0], 0.0);
    }

    @Test
    void yeastSplitHas1500TrainAnd917TestOf103FeaturesAnd14LabelsInXmlOrder() throws IOException {
        MultiLabelData train = mulan("yeast", "train");
        MultiLabelData test = mulan("yeast", "test");
        assertEquals(1500, train.size());
        assertEquals(917, test.size());
        assertEquals(103, train.numFeatures());
        assertEquals(14, train.numLabels());
        // yeast.xml lists Class6 before Class4: labels follow the XML, not the ARFF attribute order.
        assertEquals("Class6", train.labelNames().get(3));
        assertEquals("Class4", train.labelNames().get(4));
        assertArrayEquals(new int[]{476, 645, 598, 378, 532, 161, 198, 441, 261, 289, 98, 1128, 1116, 21},
                positivesPerLabel(train));
        assertEquals(3899, Arrays.stream(positivesPerLabel(test)).sum());
        assertEquals(-0.170975, test.features()[0][1], 0.0);
    }

    @Test
    void mekaMusicHasMinusC6And592ExamplesOf71Features() throws IOException {
        Path music = BundledDatasets.resolve("meka-multilabel", "Music.arff");
        assertEquals("Music: -C 6", ArffTable.read(music).relation());
        MultiLabelData d = MultiLabelData.readMeka(music);
        assertEquals(592, d.size());
        assertEquals(71, d.numFeatures());
        assertEquals(6, d.numLabels());
        assertEquals("amazed-suprised", d.labelNames().get(0));
        assertEquals("Mean_Acc1298_Mean_Mem40_Centroid", d.featureNames().get(0));
        assertArrayEquals(new int[]{173, 166, 264, 148, 167, 189}, positivesPerLabel(d));
        assertArrayEquals(new int[]{0, 1, 1, 0, 0, 0}, d.labels()[0]);
        assertEquals(0.132498, d.features()[0][0], 0.0);
    }
}
