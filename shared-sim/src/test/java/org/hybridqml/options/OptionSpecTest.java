package org.hybridqml.options;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.qnn.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionSpecTest {

    private static String[] args(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }

    @Test
    void defaultsComeFromTheOptionsAndThePreset() {
        OptionValues v = DQCOptions.SINGLE_LABEL.defaults();
        assertEquals(4, v.getInt("numQubits"));
        assertEquals("DQC", v.getString("headType"));
        assertEquals(TrainingConfig.defaults().learningRate(), v.getDouble("learningRate"));
        assertEquals(TrainingConfig.defaults().maxEpochs(), v.getInt("maxEpochs"));
        assertTrue(v.getBoolean("outputBiasFromPriors"));
        assertEquals(DressedQuantumCircuit.DEFAULT_LAYERS, v.getInt("numLayers"));
        assertEquals(TrainingConfig.defaults().readoutLearningRateScale(), v.getDouble("readoutLearningRateScale"));
        assertEquals(0, DQCOptions.MULTI_LABEL.defaults().getInt("numQubits"));
        TrainingConfig c = DQCOptions.trainingConfig(v, 1, 100);
        assertEquals(TrainingConfig.defaults().readoutLearningRateScale(), c.readoutLearningRateScale());
    }

    @Test
    void thePaperPresetSetsThreeLayersAndAnUnscaledReadoutAndExplicitValuesOverrideIt() {
        OptionValues v = DQCOptions.MULTI_LABEL.defaults();
        DQCOptions.MULTI_LABEL.parse(args("-preset paper"), v);
        assertEquals(DressedQuantumCircuit.PAPER_LAYERS, v.getInt("numLayers"));
        assertEquals(1.0, v.getDouble("readoutLearningRateScale"));
        assertEquals(TrainingConfig.paper(), DQCOptions.trainingConfig(v, TrainingConfig.paper().seed(), 100));
        // flags override the preset whatever their position on the command line
        DQCOptions.MULTI_LABEL.parse(args("-L 5 -readout-lr-scale 2.5 -preset paper"), v);
        assertEquals(5, v.getInt("numLayers"));
        assertEquals(2.5, v.getDouble("readoutLearningRateScale"));
        assertEquals(2.5, DQCOptions.trainingConfig(v, 1, 100).readoutLearningRateScale());
        // choosing a preset in an editor resets what it controls
        v.set("preset", "default");
        assertEquals(DressedQuantumCircuit.DEFAULT_LAYERS, v.getInt("numLayers"));
        assertEquals(TrainingConfig.defaults().readoutLearningRateScale(), v.getDouble("readoutLearningRateScale"));
        v.store("readoutLearningRateScale", 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, v::validate);
        assertEquals("Option readoutLearningRateScale (-readout-lr-scale) must be > 0, got 0.0", e.getMessage());
    }

    @Test
    void parseConsumesWhatItKnowsAndExplicitValuesOverrideThePreset() {
        OptionValues v = DQCOptions.SINGLE_LABEL.defaults();
        String[] a = args("-Q 3 -preset paper -E 7 -S 9 -head cdl");
        DQCOptions.SINGLE_LABEL.parse(a, v);
        assertEquals(3, v.getInt("numQubits"));
        assertEquals("CDL", v.getString("headType"));
        assertEquals(7, v.getInt("maxEpochs"));
        assertEquals(TrainingConfig.paper().learningRate(), v.getDouble("learningRate"));
        assertFalse(v.getBoolean("outputBiasFromPriors"));
        assertEquals(List.of("", "", "", "", "", "", "-S", "9", "", ""), Arrays.asList(a));
    }

    @Test
    void absentOptionsGoBackToTheirDefaults() {
        OptionValues v = DQCOptions.SINGLE_LABEL.defaults();
        DQCOptions.SINGLE_LABEL.parse(args("-Q 2 -lr 0.5 -no-prior-bias"), v);
        DQCOptions.SINGLE_LABEL.parse(args(""), v);
        assertEquals(DQCOptions.SINGLE_LABEL.defaults().toString(), v.toString());
    }

    @Test
    void everyCombinationRoundTripsThroughArguments() {
        OptionSpec spec = DQCOptions.MULTI_LABEL;
        for (String preset : List.of("default", "paper")) {
            for (boolean bias : new boolean[]{true, false}) {
                OptionValues v = spec.defaults().set("preset", preset).set("outputBiasFromPriors", bias)
                        .set("validationFraction", 0.25).set("seed", -3).set("numLayers", 4)
                        .set("readoutLearningRateScale", 3.5);
                OptionValues back = spec.defaults();
                spec.parse(spec.toArgs(v).toArray(new String[0]), back);
                assertEquals(v.toString(), back.toString(), "preset " + preset + ", bias " + bias);
            }
        }
    }

    @Test
    void badValuesAreRejectedNamingTheOption() {
        OptionValues v = DQCOptions.SINGLE_LABEL.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DQCOptions.SINGLE_LABEL.parse(args("-Q zero"), v));
        assertTrue(e.getMessage().contains("numQubits") && e.getMessage().contains("zero"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.set("validationFraction", 1.0));
        assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.set("headType", "QCNN"));
        assertTrue(e.getMessage().contains("[DQC, CDL]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DQCOptions.SINGLE_LABEL.parse(args("-E"), v));
        assertTrue(e.getMessage().contains("-E"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DQCOptions.SINGLE_LABEL.parse(args("-prior-bias -no-prior-bias"), v));
        assertTrue(e.getMessage().contains("contradict"), e.getMessage());
    }

    @Test
    void storeKeepsOutOfRangeValuesAndValidateNamesOptionValueAndRangeInWords() {
        OptionValues v = QuantumPointwiseCNNOptions.SPEC.defaults();
        for (String typed : List.of("0", "0.", "0.0", "0.00", "0.005")) {
            v.store("learningRate", Double.parseDouble(typed));
            v.store("pixelScale", Double.parseDouble(typed));
        }
        v.validate();
        v.store("learningRate", 0.0).store("pixelScale", -1.0).store("imageWidth", 1).store("imageChannels", 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, v::validate);
        assertEquals(String.join("\n",
                "Option imageWidth (-width) must be in [4, 4096], got 1",
                "Option imageChannels (-channels) must be in [1, 3], got 4",
                "Option pixelScale (-pixel-scale) must be > 0, got -1.0",
                "Option learningRate (-lr) must be in (0, 10], got 0.0"), e.getMessage());
        assertFalse(e.getMessage().contains("E308"), e.getMessage());

        OptionValues d = DQCOptions.SINGLE_LABEL.defaults().store("learningRate", Double.NaN)
                .store("maxEpochs", 0).store("validationFraction", 1.0);
        e = assertThrows(IllegalArgumentException.class, d::validate);
        assertEquals(String.join("\n",
                "Option learningRate (-lr) must be a finite number > 0, got NaN",
                "Option maxEpochs (-E) must be >= 1, got 0",
                "Option validationFraction (-V) must be in [0, 1), got 1.0"), e.getMessage());
        // set() still checks at once; a wrong type or an unknown choice is an error when stored
        e = assertThrows(IllegalArgumentException.class, () -> d.set("patience", 0));
        assertEquals("Option patience (-P) must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.store("headType", "QCNN"));
        assertThrows(IllegalArgumentException.class, () -> d.store("maxEpochs", 1.5));
    }

    @Test
    void parsingRejectsMalformedNumbersButLeavesRangesToValidate() {
        OptionValues v = DQCOptions.SINGLE_LABEL.defaults();
        DQCOptions.SINGLE_LABEL.parse(args("-lr 0 -Q 0"), v);
        assertEquals(0.0, v.getDouble("learningRate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, v::validate);
        assertTrue(e.getMessage().contains("Option numQubits (-Q) must be in [1, 30], got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("Option learningRate (-lr) must be > 0, got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DQCOptions.SINGLE_LABEL.parse(args("-lr 0,005"), v));
    }

    @Test
    void rangesInWords() {
        assertEquals("> 0", DQCOptions.SINGLE_LABEL.get("learningRate").rangeInWords());
        assertEquals("in (0, 10]", QuantumPointwiseCNNOptions.SPEC.get("learningRate").rangeInWords());
        assertEquals(">= 1", DQCOptions.SINGLE_LABEL.get("miniBatchSize").rangeInWords());
        assertEquals("in [0, 1)", DQCOptions.SINGLE_LABEL.get("validationFraction").rangeInWords());
        assertEquals("any whole number", DQCOptions.MULTI_LABEL.get("seed").rangeInWords());
        assertEquals("in [0.5, 2.5]", OptionDef.ofDouble("x", "x", 1.0, 0.5, 2.5, "x").rangeInWords());
    }

    /** Weka shows a tip text up to its first '.' as the tool tip: keep that first sentence short and whole. */
    @Test
    void firstSentencesOfTipTextsFitATooltip() {
        for (OptionSpec spec : List.of(DQCOptions.SINGLE_LABEL, DQCOptions.MULTI_LABEL, QuantumPointwiseCNNOptions.SPEC,
                QuNetSegmenterOptions.SPEC)) {
            for (OptionDef d : spec.options()) {
                String tip = d.tip();
                int dot = tip.indexOf('.');
                String first = dot < 0 ? tip : tip.substring(0, dot);
                assertTrue(first.length() <= 80, d.name() + ": " + first.length() + " characters: " + first);
                assertTrue(dot < 0 || dot == tip.length() - 1 || tip.charAt(dot + 1) == ' ',
                        d.name() + ": the first '.' is not the end of a sentence (e.g. or a number): " + first);
            }
        }
    }

    @Test
    void specRejectsDuplicateFlagsAndUnsetPresetControlledOptions() {
        OptionDef a = OptionDef.ofInt("a", "x", 1, 0, 9, "a");
        OptionDef b = OptionDef.ofInt("b", "x", 1, 0, 9, "b");
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.of(a, b));
        OptionDef orphan = OptionDef.ofInt("c", "c", null, 0, 9, "c");
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.of(a, orphan));
    }

    @Test
    void referencesAreTheArxivRecords() {
        assertEquals("Naman Jain and Amir Kalev", PaperReference.QUFEX.bibtexAuthors());
        assertEquals(2025, PaperReference.QUFEX.year());
        assertTrue(PaperReference.DRESSED_QUANTUM_CIRCUIT.title().startsWith("Expanding the Horizon"));
        assertEquals("https://arxiv.org/abs/2412.01241", PaperReference.QUANTUM_POINTWISE_CONVOLUTION.url());
    }

    @Test
    void toOptionsAppendsTheInheritedOptionsAfterTheSpecsOwn() {
        OptionSpec spec = DQCOptions.SINGLE_LABEL;
        OptionValues v = spec.defaults().set("numQubits", 2).set("outputBiasFromPriors", false);
        List<String> own = spec.toArgs(v);
        String[] all = spec.toOptions(v, "-S", "7", "-output-debug-info");
        assertEquals(own.size() + 3, all.length);
        assertEquals(own, Arrays.asList(all).subList(0, own.size()));
        assertEquals(List.of("-S", "7", "-output-debug-info"), Arrays.asList(all).subList(own.size(), all.length));
        assertTrue(own.contains("-no-prior-bias"), own.toString());
        assertEquals(own, Arrays.asList(spec.toOptions(v)));
    }

    @Test
    void listFlagIsTheValueFlagOrTheBooleansSettingFlag() {
        assertEquals("Q", DQCOptions.SINGLE_LABEL.get("numQubits").listFlag());
        // MEKA's help prints the listed name above the tip text, so a two-flag boolean is listed by the flag that
        // does what the tip says
        assertEquals("prior-bias", DQCOptions.SINGLE_LABEL.get("outputBiasFromPriors").listFlag());
        assertEquals("prior-bias", DQCOptions.MULTI_LABEL.get("outputBiasFromPriors").listFlag());
        assertEquals("on", OptionDef.ofBoolean("b", "on", null, false, "b").listFlag());
        assertEquals("off", OptionDef.ofBoolean("b", null, "off", true, "b").listFlag());
    }

    @Test
    void bibtexFieldsAndAboutTextCarryTheReference() {
        PaperReference p = PaperReference.QUFEX;
        assertEquals(List.of("author", "title", "year", "note", "url"), List.copyOf(p.bibtexFields().keySet()));
        assertEquals(List.of(p.bibtexAuthors(), p.title(), "2025", "arXiv:2501.13165", p.url()),
                List.copyOf(p.bibtexFields().values()));
        assertEquals("About.\n\nFor more information see:\n\nref", PaperReference.aboutText("About.", "ref"));
    }
}
