package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The package's {@code data/fashion-mnist-200.arff} is exactly what {@link FashionSampleArff} writes from the bundled
 * Fashion-MNIST test set, and it fits {@link QuantumPointwiseCNN}'s default image options (28x28x1, values in [0,1]).
 */
class FashionSampleArffTest {

    private static final Path SHIPPED = Path.of("src", "main", "package", "data", "fashion-mnist-200.arff");

    @Test
    void shippedSampleEqualsItsSourceImages() throws Exception {
        assertEquals(FashionSampleArff.text(), Files.readString(SHIPPED, StandardCharsets.UTF_8),
                SHIPPED + " differs from what FashionSampleArff writes from datasets/fashion-mnist");
    }

    @Test
    void sampleFitsTheCnnDefaults() throws Exception {
        Instances data = DataSource.read(SHIPPED.toString());
        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        assertEquals(cnn.getImageWidth() * cnn.getImageHeight() * Integer.parseInt(Utils.getOption("channels", cnn.getOptions())) + 1, data.numAttributes());
        assertEquals(10 * FashionSampleArff.PER_CLASS, data.numInstances());
        for (int a = 0; a < data.numAttributes() - 1; a++) {
            double[] v = data.attributeToDoubleArray(a);
            for (double x : v) {
                if (x < 0 || x > 1) {
                    throw new AssertionError("pixel attribute " + a + " has value " + x + " outside [0,1]");
                }
            }
        }
    }

    @Test
    void scaledValuesDropTrailingZeros() {
        assertEquals("0", FashionSampleArff.scaled(0));
        assertEquals("1", FashionSampleArff.scaled(255));
        assertEquals("0.5", FashionSampleArff.scaled(128));
        assertEquals("0.53", FashionSampleArff.scaled(135));
    }
}
