package org.hybridqml.demo;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.CsvMatrix;
import org.hybridqml.data.IdxFile;
import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.ImageTensor;
import org.hybridqml.data.MultiLabelData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads every bundled data set and prints its shape. The first README command runs this until the
 * algorithm demos replace it.
 */
public final class BundledDataDemo {

    private BundledDataDemo() {
    }

    /**
     * Entry point.
     *
     * @param args ignored
     * @throws IOException if a bundled file cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.out.println("Bundled data sets under " + BundledDatasets.root());

        Path isbi = BundledDatasets.resolve("isbi2012-membrane", "train");
        ImageTensor img = ImageFiles.read(isbi.resolve("image").resolve("0.png"), 1);
        ImageTensor mask = ImageFiles.read(isbi.resolve("label").resolve("0.png"), 1);
        int nImages = isbi.resolve("image").toFile().list().length;
        double fg = 0;
        for (float v : mask.data()) {
            fg += v > 0 ? 1 : 0;
        }
        System.out.printf("ISBI-2012 membranes: %d image/mask pairs, %s, cell-interior fraction of mask 0: %.3f%n",
                nImages, img, fg / (mask.height() * mask.width()));

        Path emo = BundledDatasets.resolve("mulan-multilabel", "emotions");
        MultiLabelData train = MultiLabelData.readMulan(emo.resolve("emotions-train.arff"), emo.resolve("emotions.xml"));
        MultiLabelData test = MultiLabelData.readMulan(emo.resolve("emotions-test.arff"), emo.resolve("emotions.xml"));
        System.out.printf("Mulan emotions: train %d x %d features, test %d, labels %s%n",
                train.size(), train.numFeatures(), test.size(), train.labelNames());

        double[][] digits = CsvMatrix.read(BundledDatasets.resolve("sklearn-digits", "digits.csv.gz"));
        System.out.printf("sklearn digits: %d rows x %d columns (8x8 pixels + label)%n", digits.length, digits[0].length);

        for (String set : new String[]{"fashion-mnist", "mnist/idx"}) {
            IdxFile images = IdxFile.read(BundledDatasets.resolve(set, "t10k-images-idx3-ubyte.gz"));
            IdxFile labels = IdxFile.read(BundledDatasets.resolve(set, "t10k-labels-idx1-ubyte.gz"));
            System.out.printf("%s test: images %s, labels %d%n", set, Arrays.toString(images.dimensions()),
                    labels.count());
        }
    }
}
