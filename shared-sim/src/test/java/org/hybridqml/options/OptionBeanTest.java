package org.hybridqml.options;

import org.junit.jupiter.api.Test;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionBeanTest {

    /** A platform classifier as the adapters write it: options in values, accessors from the interface. */
    public static final class DqcLike implements DQCOptionBean {
        private final OptionValues values = DQCOptions.MULTI_LABEL.defaults();

        @Override
        public OptionValues optionValues() {
            return values;
        }
    }

    /** The image classifiers' counterpart. */
    public static final class ImageLike implements ImageOptionBean {
        private final OptionValues values = QuNetSegmenterOptions.SPEC.defaults();

        @Override
        public OptionValues optionValues() {
            return values;
        }
    }

    private static Set<String> readWriteProperties(Class<?> c) throws Exception {
        Set<String> names = new TreeSet<>();
        for (PropertyDescriptor d : Introspector.getBeanInfo(c, Object.class).getPropertyDescriptors()) {
            if (d.getReadMethod() != null && d.getWriteMethod() != null) {
                names.add(d.getName());
                c.getMethod(d.getName() + "TipText");
            }
        }
        return names;
    }

    @Test
    void beanIntrospectionSeesTheDefaultMethodsAsPropertiesWithTipTexts() throws Exception {
        assertEquals(Set.of("learningRate", "maxEpochs", "miniBatchSize", "noise", "noiseSeed", "numLayers",
                "numQubits", "outputBiasFromPriors", "patience", "progress", "readoutLearningRateScale", "shots",
                "validationFraction"),
                readWriteProperties(DqcLike.class));
        assertEquals(Set.of("epochs", "imageChannels", "imagesLocation", "learningRate", "miniBatchSize", "progress"),
                readWriteProperties(ImageLike.class));
    }

    @Test
    void accessorsReadAndWriteTheLiveValuesAndTheSpecsTips() {
        DqcLike dqc = new DqcLike();
        dqc.setNumQubits(5);
        dqc.setOutputBiasFromPriors(false);
        dqc.setValidationFraction(0.3);
        assertEquals(5, dqc.optionValues().getInt("numQubits"));
        assertFalse(dqc.getOutputBiasFromPriors());
        assertEquals(0.3, dqc.getValidationFraction());
        assertEquals(DQCOptions.MULTI_LABEL.tip("patience"), dqc.patienceTipText());
        // setters store intermediate values (an editor sets the field at every keystroke); validate() reports them
        dqc.setNumLayers(0);
        dqc.setLearningRate(0.0);
        assertEquals(0, dqc.getNumLayers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dqc.optionValues().validate());
        assertEquals("Option numLayers (-L) must be in [1, 100], got 0\n"
                + "Option learningRate (-lr) must be > 0, got 0.0", e.getMessage());
        dqc.setNumLayers(2);
        dqc.setLearningRate(0.005);
        dqc.optionValues().validate();

        ImageLike seg = new ImageLike();
        assertEquals(new File(""), seg.getImagesLocation());
        seg.setImagesLocation(new File("imgs"));
        assertEquals("imgs", seg.optionValues().getString("imagesLocation"));
        seg.setImagesLocation(null);
        assertEquals("", seg.optionValues().getString("imagesLocation"));
        seg.setEpochs(7);
        List<String> args = QuNetSegmenterOptions.SPEC.toArgs(seg.optionValues());
        assertEquals("7", args.get(args.indexOf("-E") + 1));
        assertEquals(QuNetSegmenterOptions.SPEC.tip("imageChannels"), seg.imageChannelsTipText());
    }

    @Test
    void progressIsOnByDefaultAndNoProgressTurnsItOffInEverySpec() {
        for (OptionSpec spec : List.of(DQCOptions.MULTI_LABEL, DQCOptions.SINGLE_LABEL, QuNetSegmenterOptions.SPEC,
                QuantumPointwiseCNNOptions.SPEC)) {
            OptionValues v = spec.defaults();
            assertEquals(true, v.getBoolean("progress"));
            assertEquals(ProgressOption.DEF, spec.get(ProgressOption.NAME));
            assertFalse(spec.toArgs(v).contains("-no-progress"));
            spec.parse(new String[]{"-no-progress"}, v);
            assertFalse(v.getBoolean("progress"));
            assertTrue(spec.toArgs(v).contains("-no-progress"), spec.toArgs(v).toString());
        }
        ImageLike seg = new ImageLike();
        seg.setProgress(false);
        assertFalse(seg.getProgress());
        assertEquals(QuNetSegmenterOptions.SPEC.tip("progress"), seg.progressTipText());
    }
}
