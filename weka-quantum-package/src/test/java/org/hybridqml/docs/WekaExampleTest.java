package org.hybridqml.docs;

// snippet-start imports
import weka.classifiers.Evaluation;
import weka.classifiers.functions.DressedQuantumCircuitClassifier;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

import java.util.Random;
// snippet-end imports
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Weka Java-API example of {@code docs/weka.md} and the README: the DQC classifier (Chan et al.,
 * arXiv:2405.00156) trained on two thirds of the package's {@code data/digits-300.arff} and evaluated with Weka's
 * {@code Evaluation} on the held-out third.
 */
class WekaExampleTest {

    // snippet-start dqc
    /** Trains a 6-qubit DQC on two thirds of an ARFF file (class last) and evaluates it on the other third. */
    static Evaluation trainAndTest(String arffFile) throws Exception {
        Instances data = DataSource.read(arffFile);
        data.setClassIndex(data.numAttributes() - 1);
        data.randomize(new Random(1));
        int trainSize = data.numInstances() * 2 / 3;
        Instances train = new Instances(data, 0, trainSize);
        Instances test = new Instances(data, trainSize, data.numInstances() - trainSize);

        DressedQuantumCircuitClassifier dqc = new DressedQuantumCircuitClassifier();
        dqc.setOptions(Utils.splitOptions("-Q 6 -L 3 -E 100 -S 1"));   // qubits, layers, max. epochs, seed
        dqc.buildClassifier(train);

        Evaluation eval = new Evaluation(train);
        eval.evaluateModel(dqc, test);
        System.out.println(eval.toSummaryString("=== held-out third ===", false));
        return eval;
    }
    // snippet-end dqc

    @Test
    void dqcOnHeldOutDigitsIsFarAboveChance() throws Exception {
        // the package ships the file as data/digits-300.arff; in the source tree it is here
        Evaluation eval = trainAndTest("src/main/package/data/digits-300.arff");
        assertEquals(100, (int) eval.numInstances());
        assertTrue(eval.pctCorrect() > 50, "held-out accuracy " + eval.pctCorrect() + " % (chance 10 %)");
    }
}
