package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import weka.core.Instances;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weka's option editor commits a numeric field at every key release, so a setter sees every intermediate value of
 * what is being typed ("0" of "0.005", an emptied field read as 0). No setter of the three classifiers throws on
 * such a value; {@code buildClassifier} reports an out-of-range value naming the option, its value and its range in
 * words.
 */
class IntermediateOptionValuesTest {

    static List<AbstractQuantumClassifier> classifiers() {
        return List.of(new DressedQuantumCircuitClassifier(), new QuantumPointwiseCNN(), new QuNetSegmenter());
    }

    @Test
    void noNumericSetterThrowsOnZeroOrNegativeValues() throws Exception {
        for (AbstractQuantumClassifier c : classifiers()) {
            int numeric = 0;
            for (PropertyDescriptor p : Introspector.getBeanInfo(c.getClass(), Object.class)
                    .getPropertyDescriptors()) {
                Method set = p.getWriteMethod();
                if (set == null || p.getReadMethod() == null) {
                    continue;
                }
                Class<?> t = p.getPropertyType();
                for (double v : new double[]{0, -1, 1e308}) {
                    if (t == int.class) {
                        set.invoke(c, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
                    } else if (t == double.class) {
                        set.invoke(c, v);
                    } else {
                        continue;
                    }
                    numeric++;
                }
            }
            assertTrue(numeric >= 9, c.getClass().getSimpleName() + ": " + numeric);
        }
    }

    @Test
    void buildClassifierNamesOptionValueAndRangeInWords() throws Exception {
        Instances px = WekaInputChecksTest.pixels(4, 8);
        QuantumPointwiseCNN cnn = WekaInputChecksTest.cnn4x4();
        cnn.setLearningRate(0);
        cnn.setPixelScale(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cnn.buildClassifier(px));
        assertEquals("Option pixelScale (-pixel-scale) must be > 0, got 0.0\n"
                + "Option learningRate (-lr) must be in (0, 10], got 0.0", e.getMessage());
        cnn.setLearningRate(0.005);
        cnn.setPixelScale(0.5);
        cnn.buildClassifier(px);

        DressedQuantumCircuitClassifier dqc = new DressedQuantumCircuitClassifier();
        dqc.setNumQubits(0);
        dqc.setValidationFraction(1);
        e = assertThrows(IllegalArgumentException.class, () -> dqc.buildClassifier(px));
        assertEquals("Option numQubits (-Q) must be in [1, 30], got 0\n"
                + "Option validationFraction (-V) must be in [0, 1), got 1.0", e.getMessage());

        QuNetSegmenter seg = new QuNetSegmenter();
        seg.setEpochs(-1);
        e = assertThrows(IllegalArgumentException.class, () -> seg.buildClassifier(px));
        assertEquals("Option epochs (-E) must be in [0, 100000], got -1", e.getMessage());
    }

    @Test
    void commandLineStillRejectsMalformedNumbersAndBuildRejectsRanges() throws Exception {
        DressedQuantumCircuitClassifier dqc = new DressedQuantumCircuitClassifier();
        assertThrows(IllegalArgumentException.class, () -> dqc.setOptions(new String[]{"-lr", "fast"}));
        dqc.setOptions(new String[]{"-lr", "-1"});
        assertEquals(-1.0, dqc.getLearningRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dqc.buildClassifier(WekaInputChecksTest.pixels(4, 8)));
        assertEquals("Option learningRate (-lr) must be > 0, got -1.0", e.getMessage());
    }

    @Test
    void aboutTextsFirstSentenceIsShort() {
        for (AbstractQuantumClassifier c : classifiers()) {
            String info = c.globalInfo();
            int dot = info.indexOf('.');
            assertTrue(dot > 0 && dot <= 80, c.getClass().getSimpleName() + ": " + info.substring(0, dot + 1));
        }
    }
}
