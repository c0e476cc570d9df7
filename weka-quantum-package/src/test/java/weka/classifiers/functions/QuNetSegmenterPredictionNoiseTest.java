package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link QuNetSegmenter}'s prediction-time options: {@code -shots}, {@code -noise}, {@code -noise-seed}. */
class QuNetSegmenterPredictionNoiseTest {

    private static double[][] distributions(QuNetSegmenter s, Instances train, Instances test) throws Exception {
        s.setEpochs(3);
        s.buildClassifier(train);
        return s.distributionsForInstances(test);
    }

    @Test
    void noiseChangesThePredictionsTheExactSettingDoesNot() throws Exception {
        Instances train = QuNetSegmenterTest.pixels("0", "1");
        Instances test = QuNetSegmenterTest.pixels("4");
        double[][] exact = distributions(QuNetSegmenterTest.segmenter(), train, test);

        QuNetSegmenter same = QuNetSegmenterTest.segmenter();
        same.setShots(0);
        same.setNoise("none");
        assertTrue(Arrays.deepEquals(exact, distributions(same, train, test)));

        QuNetSegmenter noisy = QuNetSegmenterTest.segmenter();
        noisy.setNoise("depolarizing:0.2");
        noisy.setShots(100);
        noisy.setNoiseSeed(3);
        double[][] n = distributions(noisy, train, test);
        assertFalse(Arrays.deepEquals(exact, n));
        assertEquals(3, noisy.getNoiseSeed());
        assertTrue(noisy.noiseTipText().contains("conv bottleneck"), noisy.noiseTipText());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, noisy);
        QuNetSegmenter back = (QuNetSegmenter) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertTrue(Arrays.deepEquals(n, back.distributionsForInstances(test)), "the setting is saved with the model");

        QuNetSegmenter bad = QuNetSegmenterTest.segmenter();
        bad.setNoise("depolarizing:2");
        Exception e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(train));
        assertTrue(e.getMessage().contains("noise (-noise)"), e.getMessage());
    }
}
