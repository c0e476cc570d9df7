package meka.classifiers.multilabel;

import meka.core.MLUtils;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MEKA DQC input checks: a label never relevant in training is kept with a constant probability and a warning;
 * default qubits on too many labels name the label count, the limit and {@code -Q}; nominal features are one-hot
 * encoded (a value's index is never read as a number).
 */
class DQCInputChecksTest {

    /** A MEKA data set: {@code labels} binary labels first, then a nominal and a numeric feature. */
    static Instances data(int labels, int rows, boolean lastLabelNeverRelevant) throws Exception {
        StringBuilder sb = new StringBuilder("@relation 'synthetic: -C " + labels + "'\n");
        for (int l = 0; l < labels; l++) {
            sb.append("@attribute L").append(l).append(" {0,1}\n");
        }
        sb.append("@attribute colour {red,green,blue}\n@attribute size numeric\n@data\n");
        String[] colours = {"red", "green", "blue"};
        for (int r = 0; r < rows; r++) {
            for (int l = 0; l < labels; l++) {
                boolean on = (r + l) % 3 == 0 && !(lastLabelNeverRelevant && l == labels - 1);
                sb.append(on ? "1," : "0,");
            }
            sb.append(colours[r % 3]).append(',').append(r % 5 * 0.5).append('\n');
        }
        Instances d = new Instances(new StringReader(sb.toString()));
        MLUtils.prepareData(d);
        return d;
    }

    static DQC small() {
        DQC h = new DQC();
        h.setNumQubits(2);
        h.setNumLayers(1);
        h.setMaxEpochs(1);
        h.setValidationFraction(0);
        return h;
    }

    @Test
    void labelNeverRelevantInTrainingIsKeptConstantAndWarnedAbout() throws Exception {
        Instances d = data(3, 24, true);
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(HeadTrainer.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        DQC dqc = small();
        try {
            dqc.buildClassifier(d);
        } finally {
            log.removeHandler(h);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'L2'") && w.contains("never positive")),
                warnings.toString());
        double first = dqc.distributionForInstance(d.instance(0))[2];
        for (int r = 0; r < d.numInstances(); r++) {
            double[] p = dqc.distributionForInstance(d.instance(r));
            assertEquals(3, p.length, "the label is kept");
            assertEquals(first, p[2], 0.0, "constant probability for the never-relevant label");
        }
        assertEquals(0.5 / d.numInstances(), first, 1e-12);
    }

    @Test
    void defaultQubitsOnMoreLabelsThanTheLimitNameLabelCountLimitAndQ() throws Exception {
        Instances d = data(38, 40, false);
        DQC dqc = new DQC();
        dqc.setMaxEpochs(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dqc.buildClassifier(d));
        assertTrue(e.getMessage().contains("38 labels") && e.getMessage().contains("-Q")
                && e.getMessage().contains(String.valueOf(Circuit.MAX_QUBITS)), e.getMessage());
    }

    @Test
    void settersAcceptIntermediateValuesAndBuildClassifierNamesOptionValueAndRange() throws Exception {
        Instances d = data(2, 12, false);
        DQC dqc = small();
        dqc.setLearningRate(0.0);   // "0" of "0.005" typed in the option editor
        dqc.setMiniBatchSize(0);    // the field emptied before typing "12"
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dqc.buildClassifier(d));
        assertEquals("Option learningRate (-lr) must be > 0, got 0.0\n"
                + "Option miniBatchSize (-mini-batch) must be >= 1, got 0", e.getMessage());
        dqc.setOptions(new String[]{"-lr", "0", "-E", "1"}); // command-line values in range are checked at build too
        assertEquals(0.0, dqc.getLearningRate());
        dqc.setLearningRate(0.005);
        dqc.setMiniBatchSize(12);
        dqc.buildClassifier(d);
    }

    @Test
    void helpListsTheFlagThatDoesWhatTheDescriptionSays() {
        for (weka.core.Option o : java.util.Collections.list(new DQC().listOptions())) {
            if (o.description().contains("output bias")) {
                assertEquals("prior-bias", o.name(), o.description());
                assertTrue(o.description().contains("-no-prior-bias turns it off"), o.description());
            }
        }
    }

    @Test
    void aboutTextsFirstSentenceIsShort() {
        String info = new DQC().globalInfo();
        assertTrue(info.indexOf('.') > 0 && info.indexOf('.') <= 80, info.substring(0, info.indexOf('.') + 1));
    }

    @Test
    void nominalFeaturesAreOneHotEncoded() throws Exception {
        Instances d = data(2, 12, false);
        DQC dqc = small();
        dqc.buildClassifier(d);
        assertEquals(4, dqc.trainedHead().head().numFeatures(), "colour -> 3 columns, size -> 1");
        double[] p = dqc.distributionForInstance(d.instance(1));
        assertEquals(2, p.length);
    }
}
