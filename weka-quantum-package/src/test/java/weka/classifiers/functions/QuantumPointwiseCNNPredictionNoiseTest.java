package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link QuantumPointwiseCNN}'s prediction-time options: {@code -shots}, {@code -noise}, {@code -noise-seed}. */
class QuantumPointwiseCNNPredictionNoiseTest {

    private static double[][] distributions(String options, Instances train, Instances test) throws Exception {
        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        cnn.setOptions(Utils.splitOptions("-width 8 -height 8 -pixel-scale 0.0625 -E 2 -mini-batch 16 -no-progress "
                + options));
        cnn.buildClassifier(train);
        return cnn.distributionsForInstances(test);
    }

    @Test
    void noiseChangesOnlyThePredictions() throws Exception {
        Instances all = DressedQuantumCircuitClassifierDigitsTest.digits(120);
        Instances train = new Instances(all, 0, 100);
        Instances test = new Instances(all, 100, 20);
        double[][] exact = distributions("", train, test);
        assertTrue(Arrays.deepEquals(exact, distributions("-shots 0 -noise none", train, test)));

        QuantumPointwiseCNN noisy = new QuantumPointwiseCNN();
        noisy.setOptions(Utils.splitOptions("-width 8 -height 8 -pixel-scale 0.0625 -E 2 -mini-batch 16 "
                + "-no-progress -noise depolarizing:0.1 -shots 100 -noise-seed 2"));
        noisy.buildClassifier(train);
        double[][] n = noisy.distributionsForInstances(test);
        assertFalse(Arrays.deepEquals(exact, n));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, noisy);
        QuantumPointwiseCNN back = (QuantumPointwiseCNN) SerializationHelper.read(
                new ByteArrayInputStream(bytes.toByteArray()));
        assertTrue(Arrays.deepEquals(n, back.distributionsForInstances(test)), "saved with the classifier");
        assertTrue(noisy.shotsTipText().contains("classical pointwise layer"), noisy.shotsTipText());

        QuantumPointwiseCNN bad = new QuantumPointwiseCNN();
        bad.setOptions(Utils.splitOptions("-width 8 -height 8 -noise white:0.1"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(train));
        assertTrue(e.getMessage().contains("noise (-noise)"), e.getMessage());
    }
}
