package org.hybridqml.docs;

// snippet-start imports
import meka.classifiers.multilabel.DQC;
import meka.classifiers.multilabel.Evaluation;
import meka.core.MLUtils;
import meka.core.Result;
import org.hybridqml.data.BundledDatasets;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

import java.util.Random;
// snippet-end imports
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MEKA example of {@code docs/meka.md} and the README: the multi-label DQC (Chan et al., arXiv:2405.00156) on
 * MEKA's Music data, trained on 400 songs and evaluated by MEKA on the other 192.
 */
class MekaExampleTest {

    @Test
    void dqcOnMusicScoredOnHeldOutSongs() throws Exception {
        // snippet-start dqc
        Instances data = DataSource.read(BundledDatasets.resolve("meka-multilabel", "Music.arff").toString());
        MLUtils.prepareData(data);                  // class index = label count, from "@relation 'Music: -C 6'"
        data.randomize(new Random(1));
        Instances train = new Instances(data, 0, 400);
        Instances test = new Instances(data, 400, data.numInstances() - 400);

        DQC dqc = new DQC();                        // one qubit per label by default
        dqc.setOptions(Utils.splitOptions("-L 3 -E 60 -S 1"));   // layers, max. epochs, seed
        Result result = Evaluation.evaluateModel(dqc, train, test, "0.5", "2");   // threshold, verbosity
        System.out.println(result);
        // snippet-end dqc

        double auroc = Double.parseDouble(result.getMeasurement("AUROC (macro averaged)").toString().trim());
        assertTrue(auroc > 0.65, "macro AUROC " + auroc + " (chance 0.5)");
    }
}
