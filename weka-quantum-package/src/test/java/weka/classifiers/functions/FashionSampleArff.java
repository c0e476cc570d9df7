package weka.classifiers.functions;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.IdxFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the package's sample {@code data/fashion-mnist-200.arff} from the bundled Fashion-MNIST test set
 * ({@code datasets/fashion-mnist}, MIT licence): the first 20 test images of each of the 10 classes, in test-set
 * order, 784 pixel attributes scaled to [0,1] (value/255, two decimals, trailing zeros dropped) and a nominal class.
 * The 28&times;28 single-channel images fit {@code QuantumPointwiseCNN}'s default {@code -width}, {@code -height},
 * {@code -channels} and {@code -pixel-scale}, so the classifier runs on it with no option set.
 *
 * <p>{@code FashionSampleArffTest} regenerates the text and compares it with the shipped file, so the sample cannot
 * drift from its source. Regenerate with {@code main(<output file>)} from the test class path.
 */
final class FashionSampleArff {

    /** Images per class in the sample. */
    static final int PER_CLASS = 20;
    /** Class names of labels 0-9 (Fashion-MNIST's README). */
    static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle-boot"};

    private FashionSampleArff() {
    }

    /**
     * The ARFF text of the sample.
     *
     * @return the whole file's text, '\n' line ends
     * @throws IOException if the bundled IDX files cannot be read
     */
    static String text() throws IOException {
        Path dir = BundledDatasets.resolve("fashion-mnist");
        IdxFile images = IdxFile.read(dir.resolve("t10k-images-idx3-ubyte.gz"));
        IdxFile labels = IdxFile.read(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        int pixels = images.dimensions()[1] * images.dimensions()[2];
        StringBuilder s = new StringBuilder();
        s.append("% Fashion-MNIST sample: the first ").append(PER_CLASS).append(" test images of each class (Zalando SE,"
                + " MIT licence,\n% github.com/zalandoresearch/fashion-mnist), 28x28 gray values scaled to [0,1] "
                + "(value/255, two decimals).\n% Written by weka.classifiers.functions.FashionSampleArff (test "
                + "sources) from datasets/fashion-mnist.\n");
        s.append("@relation fashion-mnist-200\n\n");
        for (int p = 0; p < pixels; p++) {
            s.append("@attribute pixel").append(p).append(" numeric\n");
        }
        s.append("@attribute class {");
        for (int c = 0; c < CLASSES.length; c++) {
            s.append(c == 0 ? "" : ",").append(CLASSES[c]);
        }
        s.append("}\n\n@data\n");
        int[] taken = new int[CLASSES.length];
        int[] lab = labels.values();
        int[] img = images.values();
        for (int i = 0; i < lab.length; i++) {
            if (taken[lab[i]] == PER_CLASS) {
                continue;
            }
            taken[lab[i]]++;
            for (int p = 0; p < pixels; p++) {
                s.append(scaled(img[i * pixels + p])).append(',');
            }
            s.append(CLASSES[lab[i]]).append('\n');
        }
        return s.toString();
    }

    /** value/255 with two decimals and no trailing zeros ("0", "0.5", "0.53", "1"). */
    static String scaled(int value) {
        String t = String.format(Locale.ROOT, "%.2f", value / 255.0);
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /**
     * Writes the sample.
     *
     * @param args the output file
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), text(), StandardCharsets.UTF_8);
    }
}
