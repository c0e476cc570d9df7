package org.hybridqml.tribuo.multilabel;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.tribuo.multilabel.data.MekaArffDataSource;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.dataset.DatasetView;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tribuo DQC multi-label trainer and data sources: a label in the output domain that is never relevant in training
 * is kept with a constant probability and a warning; default qubits on too many labels name the label count, the
 * limit and the option; nominal ARFF features are one-hot encoded; file errors name the file.
 */
class LabelDomainChecksTest {

    static MutableDataset<MultiLabel> data(int rows, List<String> labels, long seed) {
        MultiLabelFactory f = new MultiLabelFactory();
        MutableDataset<MultiLabel> d = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", f), f);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            double[] x = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            Set<String> on = new java.util.TreeSet<>();
            on.add(labels.get(r % labels.size()));
            if (x[0] > 0) {
                on.add(labels.get(0));
            }
            d.add(new ArrayExample<>(MultiLabel.parseString(String.join(",", on)), new String[]{"f0", "f1", "f2"},
                    x));
        }
        return d;
    }

    static DressedQuantumCircuitTrainer trainer(int qubits) {
        return new DressedQuantumCircuitTrainer(HeadType.DQC, qubits, 1, Preset.DEFAULT, 0, 16, 1, 0, 0.0,
                OutputBias.PRESET, 3L);
    }

    @Test
    void labelInTheDomainNeverRelevantInTrainingIsKeptConstantAndWarnedAbout() {
        MutableDataset<MultiLabel> all = data(30, List.of("a", "b", "rare"), 1);
        int[] withoutRare = IntStream.range(0, all.size())
                .filter(i -> !all.getExample(i).getOutput().getNameSet().contains("rare")).toArray();
        Dataset<MultiLabel> train = new DatasetView<>(all, withoutRare, "no-rare");
        assertEquals(3, train.getOutputIDInfo().size(), "the view keeps the full label domain");
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
        DressedQuantumCircuitModel model;
        try {
            model = trainer(2).train(train);
        } finally {
            log.removeHandler(h);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'rare'") && w.contains("never positive")),
                warnings.toString());
        assertEquals(3, model.getOutputIDInfo().size(), "the label is kept");
        Set<Double> rareScores = new java.util.HashSet<>();
        for (Example<MultiLabel> e : all) {
            Prediction<MultiLabel> p = model.predict(e);
            assertFalse(p.getOutput().getNameSet().contains("rare"));
            rareScores.add(p.getOutputScores().get("rare").getLabelSet().iterator().next().getScore());
        }
        assertEquals(1, rareScores.size(), "one constant probability: " + rareScores);
        assertEquals(0.5 / withoutRare.length, rareScores.iterator().next(), 1e-12);
    }

    @Test
    void defaultQubitsOnMoreLabelsThanTheLimitNameLabelCountLimitAndOption() {
        List<String> labels = IntStream.range(0, 38).mapToObj(i -> "l" + i).collect(Collectors.toList());
        MutableDataset<MultiLabel> d = data(76, labels, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(0).train(d));
        assertTrue(e.getMessage().contains("38 labels") && e.getMessage().contains(String.valueOf(Circuit.MAX_QUBITS))
                && e.getMessage().contains("'qubits' option"), e.getMessage());
    }

    @Test
    void explicitQubitsAboveTheLimitAreAConfigurationError() {
        PropertyException e = assertThrows(PropertyException.class, () -> trainer(31));
        assertTrue(e.getMessage().contains("31") && e.getMessage().contains("30"), e.getMessage());
    }

    @Test
    void nominalArffFeaturesAreOneHotEncodedByTheDataSources(@TempDir Path dir) throws IOException {
        Path arff = Files.writeString(dir.resolve("nominal.arff"), String.join("\n",
                "@relation 'nom: -C 1'",
                "@attribute lab {0,1}",
                "@attribute colour {red,green,blue}",
                "@attribute size numeric",
                "@data",
                "1,blue,2.5",
                "0,red,1", ""));
        MutableDataset<MultiLabel> d = new MutableDataset<>(new MekaArffDataSource(arff));
        Set<String> names = new java.util.HashSet<>();
        d.getFeatureMap().forEach(v -> names.add(v.getName()));
        assertTrue(names.contains("colour=blue") && names.contains("colour=red") && !names.contains("colour"),
                names.toString());
    }

    @Test
    void corruptArffErrorNamesTheFile(@TempDir Path dir) throws IOException {
        Path arff = dir.resolve("latin1.arff");
        Files.write(arff, "@relation 'r: -C 1'\n@attribute caf\u00e9 {0,1}\n@data\n1\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Exception e = assertThrows(Exception.class, () -> new MekaArffDataSource(arff));
        assertTrue(e instanceof IOException || e instanceof UncheckedIOException, e.toString());
        assertTrue(e.getMessage().contains(arff.toString()), e.getMessage());
    }
}
