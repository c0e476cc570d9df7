package org.hybridqml.qnn.train;

import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.head.HeadPass;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TrainingConfig#readoutLearningRateScale()}: {@link HeadTrainer} gives the readout parameters (from
 * {@link ClassifierHead#readoutStart()} on) that factor on the learning rate, and nothing else changes.
 */
class ReadoutLearningRateTest {

    private static final int ROWS = 24;

    /** One epoch of one mini-batch over all rows, no validation split, no prior bias: exactly one Adam step. */
    private static TrainingConfig oneStep(double scale) {
        return TrainingConfig.paper().withLearningRate(1e-2).withReadoutLearningRateScale(scale).withMaxEpochs(1)
                .withBatchSize(ROWS).withValidationFraction(0).withSeed(11);
    }

    /**
     * The parameters after the one step of {@link #oneStep} with the plain, unscaled Adam, replaying the trainer's
     * documented order: initialisation, validation-split and shuffling streams split from the seed; standardised
     * features; the mini-batch in shuffled order.
     */
    private static double[] replayPlainStep(ClassifierHead original, double[][] x, int[][] y, TrainingConfig c) {
        SplittableRandom root = new SplittableRandom(c.seed());
        ClassifierHead head = original.copy();
        head.initialize(root.split());
        root.split();
        int[] order = HeadTrainer.permutation(ROWS, root.split());
        double[][] z = Standardizer.fit(x).transform(x);
        double[][] xb = new double[ROWS][];
        double[][] yb = new double[ROWS][];
        double[][] targets = HeadTrainer.toDouble(y);
        for (int i = 0; i < ROWS; i++) {
            xb[i] = z[order[i]];
            yb[i] = targets[order[i]];
        }
        HeadPass pass = head.forward(xb);
        double[][] g = new double[ROWS][head.numOutputs()];
        Loss.SIGMOID_BINARY_CROSS_ENTROPY.valueAndGradient(pass.logits(), yb, g);
        double[] p = head.parameters();
        new Adam(p.length, c.learningRate(), c.beta1(), c.beta2(), c.epsilon())
                .step(p, head.backward(pass, g).parameters());
        return p.clone();
    }

    private static double[] initial(ClassifierHead original, long seed) {
        ClassifierHead head = original.copy();
        head.initialize(new SplittableRandom(seed).split());
        return head.parameters().clone();
    }

    @Test
    void dqcReadoutIsTheOutputDenseAndTheCdlHasNone() {
        DressedQuantumHead dqc = new DressedQuantumHead(5, 3, 4, 2);
        // W_in [4][5], b_in [4], circuit [2][4], then W_out [3][4] and b_out [3]
        assertEquals(4 * 5 + 4 + 2 * 4, dqc.readoutStart());
        assertEquals(dqc.readoutStart() + 3 * 4 + 3, dqc.numParameters());
        DenseHead cdl = new DenseHead(5, 3);
        assertEquals(cdl.numParameters(), cdl.readoutStart());
    }

    @Test
    void scaleMultipliesOnlyTheReadoutStepAndScaleOneIsThePlainAdam() {
        double[][] x = HeadTrainerTest.features(ROWS, 5, 2);
        int[][] y = HeadTrainerTest.labels(x);
        DressedQuantumHead head = new DressedQuantumHead(5, 3, 3, 2);
        int r = head.readoutStart();
        double[] p0 = initial(head, oneStep(1).seed());
        double[] expected = replayPlainStep(head, x, y, oneStep(1));

        double[] unscaled = new HeadTrainer(oneStep(1)).fit(head, x, y).head().parameters();
        // scale 1 is the trainer as it was before the readout factor: the plain Adam, bitwise
        assertArrayEquals(expected, unscaled, 0.0);

        double s = 10;
        double[] scaled = new HeadTrainer(oneStep(s)).fit(head, x, y).head().parameters();
        for (int i = 0; i < r; i++) {
            assertEquals(unscaled[i], scaled[i], 0.0, "non-readout parameter " + i);
        }
        for (int i = r; i < scaled.length; i++) {
            double step = unscaled[i] - p0[i];
            assertTrue(Math.abs(step) > 1e-3, "readout parameter " + i + " moved by " + step);
            assertEquals(s * step, scaled[i] - p0[i], 1e-9 * Math.abs(s * step), "readout parameter " + i);
        }
    }

    @Test
    void cdlTrainingDoesNotDependOnTheScale() {
        double[][] x = HeadTrainerTest.features(60, 4, 3);
        int[][] y = HeadTrainerTest.labels(x);
        TrainingConfig c = TrainingConfig.defaults().withMaxEpochs(5);
        double[] one = new HeadTrainer(c.withReadoutLearningRateScale(1)).fit(new DenseHead(4, 3), x, y).head()
                .parameters();
        double[] ten = new HeadTrainer(c.withReadoutLearningRateScale(10)).fit(new DenseHead(4, 3), x, y).head()
                .parameters();
        assertArrayEquals(one, ten, 0.0);
    }

    @Test
    void presetsAndValidation() {
        assertEquals(10, TrainingConfig.defaults().readoutLearningRateScale());
        assertEquals(1, TrainingConfig.paper().readoutLearningRateScale());
        assertNotEquals(TrainingConfig.defaults(), TrainingConfig.defaults().withReadoutLearningRateScale(1));
        // a configuration serialized before the component existed reads 0: taken as 1
        assertEquals(1, TrainingConfig.defaults().withReadoutLearningRateScale(0).readoutLearningRateScale());
        for (double bad : new double[]{-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class,
                    () -> TrainingConfig.defaults().withReadoutLearningRateScale(bad));
        }
    }
}
