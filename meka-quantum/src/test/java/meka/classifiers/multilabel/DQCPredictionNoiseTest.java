package meka.classifiers.multilabel;

import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.Utils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prediction-time options of the MEKA {@link DQC}: {@code -shots}, {@code -noise}, {@code -noise-seed}. */
class DQCPredictionNoiseTest {

    private static double[][] relevances(String options, Instances d) throws Exception {
        DQC h = new DQC();
        h.setOptions(Utils.splitOptions("-Q 3 -L 1 -E 3 -no-progress " + options));
        h.buildClassifier(d);
        double[][] out = new double[30][];
        for (int r = 0; r < out.length; r++) {
            out[r] = h.distributionForInstance(d.instance(r));
        }
        return out;
    }

    @Test
    void optionsChangeOnlyThePredictionsAndFailAtBuildNamingTheOption() throws Exception {
        Instances d = DQCTest.loadMusic();
        double[][] exact = relevances("", d);
        assertTrue(Arrays.deepEquals(exact, relevances("-shots 0 -noise none", d)));
        double[][] noisy = relevances("-noise depolarizing:0.05 -shots 500 -noise-seed 2", d);
        assertFalse(Arrays.deepEquals(exact, noisy));
        assertTrue(Arrays.deepEquals(noisy, relevances("-noise depolarizing:0.05 -shots 500 -noise-seed 2", d)));

        DQC h = new DQC();
        h.setOptions(Utils.splitOptions("-shots 10 -noise bitflip:0.1 -noise-seed 4"));
        List<String> args = new ArrayList<>(Arrays.asList(h.getOptions()));
        assertEquals("10", args.get(args.indexOf("-shots") + 1));
        assertEquals("bitflip:0.1", args.get(args.indexOf("-noise") + 1));
        assertEquals("4", args.get(args.indexOf("-noise-seed") + 1));
        List<String> flags = new ArrayList<>();
        h.listOptions().asIterator().forEachRemaining(o -> flags.add(o.name()));
        assertTrue(flags.containsAll(List.of("shots", "noise", "noise-seed")), flags.toString());
        assertTrue(h.noiseTipText().contains("prediction time"));

        h.setNoise("bitflip");
        Exception e = assertThrows(IllegalArgumentException.class, () -> h.buildClassifier(d));
        assertTrue(e.getMessage().contains("noise (-noise)"), e.getMessage());
    }
}
