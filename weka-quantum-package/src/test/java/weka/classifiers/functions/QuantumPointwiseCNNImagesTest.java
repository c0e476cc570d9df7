package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.ConverterUtils.DataSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuantumPointwiseCNN} on real images through Weka's own evaluation: the bundled scikit-learn digits as
 * pixel attributes, and a meta ARFF (file name + class) over bundled PNG files; errors for a wrong image size and a
 * wrong images location; a serialised model predicts exactly as the original.
 */
class QuantumPointwiseCNNImagesTest {

    private static Path resource(String name) throws Exception {
        URL url = QuantumPointwiseCNNImagesTest.class.getResource("/" + name);
        assertTrue(url != null, "test resource missing: " + name);
        return Path.of(url.toURI());
    }

    private static QuantumPointwiseCNN digitsCnn() {
        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        cnn.setImageWidth(8);
        cnn.setImageHeight(8);
        cnn.setPixelScale(1.0 / 16);
        cnn.setEpochs(15);
        cnn.setMiniBatchSize(16);
        return cnn;
    }

    @Test
    void learnsDigitsFromPixelAttributesAndSerialisedModelPredictsTheSame() throws Exception {
        Instances all = DressedQuantumCircuitClassifierDigitsTest.digits(400);
        Instances train = new Instances(all, 0, 300);
        Instances test = new Instances(all, 300, 100);
        QuantumPointwiseCNN cnn = digitsCnn();
        long t0 = System.nanoTime();
        cnn.buildClassifier(train);
        double secs = (System.nanoTime() - t0) / 1e9;
        Evaluation eval = new Evaluation(train);
        eval.evaluateModel(cnn, test);
        System.out.printf("digits 300 train / 100 test, quantum pointwise CNN, 15 epochs: accuracy %.1f %% "
                + "(chance 10 %%), training %.1f s%n%s%n", eval.pctCorrect(), secs, cnn);
        assertTrue(eval.pctCorrect() > 50, "accuracy " + eval.pctCorrect() + " % should be far above 10 %");
        assertTrue(cnn.toString().contains("quantum pointwise conv (2 circuits x 3 qubits"), cnn.toString());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, cnn);
        QuantumPointwiseCNN back = (QuantumPointwiseCNN) SerializationHelper.read(
                new ByteArrayInputStream(bytes.toByteArray()));
        double[][] a = cnn.distributionsForInstances(test);
        double[][] b = back.distributionsForInstances(test);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "instance " + i);
            assertArrayEquals(a[i], cnn.distributionForInstance(test.instance(i)), 1e-6, "single vs batch " + i);
        }
    }

    @Test
    void wrongImageSizeIsAnErrorNamingBothCounts() throws Exception {
        Instances digits = DressedQuantumCircuitClassifierDigitsTest.digits(20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QuantumPointwiseCNN().buildClassifier(digits));
        assertTrue(e.getMessage().contains("64 numeric attributes") && e.getMessage().contains("28x28x1 = 784"),
                e.getMessage());
    }

    @Test
    void learnsPngFilesListedInAMetaArff() throws Exception {
        Instances meta = DataSource.read(resource("images/digits-png.meta.arff").toString());
        meta.setClassIndex(1);
        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        cnn.setImageWidth(8);
        cnn.setImageHeight(8);
        cnn.setEpochs(30);
        cnn.setMiniBatchSize(8);
        cnn.setImagesLocation(resource("images/digits-png").toFile());
        Evaluation eval = new Evaluation(meta);
        eval.crossValidateModel(cnn, meta, 3, new Random(1));
        System.out.printf("24 PNG digits (0/1/7) from a meta ARFF, 3-fold CV: accuracy %.1f %% (chance 33 %%)%n",
                eval.pctCorrect());
        assertTrue(eval.pctCorrect() > 60, "accuracy " + eval.pctCorrect() + " %");

        cnn.setImagesLocation(new File("no-such-dir"));
        Exception e = assertThrows(Exception.class, () -> cnn.buildClassifier(meta));
        assertTrue(e.getMessage().contains("digit0_0000.png") && e.getMessage().contains("no-such-dir"),
                e.getMessage());
    }
}
