package org.hybridqml.tribuo.multilabel.data;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.hybridqml.data.BundledDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.DataSourceProvenance;
import org.tribuo.test.Helpers;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Mulan and MEKA data sources read the bundled files, keep provenance and round-trip through OLCUT. */
class MultiLabelDataSourcesTest {

    @TempDir
    Path dir;

    private static MulanDataSource emotions(String part) throws IOException {
        Path d = BundledDatasets.resolve("mulan-multilabel", "emotions");
        return new MulanDataSource(d.resolve("emotions-" + part + ".arff"), d.resolve("emotions.xml"));
    }

    /**
     * Calls Tribuo's {@code Helpers.testConfigurableRoundtrip}. Its generic bound asks for a provenance that is a
     * {@code ConfiguredObjectProvenance} at compile time, which {@code DataSource.getProvenance()}'s declared type
     * ({@code DataSourceProvenance}) is not although the runtime object is; the erased method takes any
     * {@link Configurable}, so call it reflectively.
     */
    private static void configurableRoundtrip(Configurable source) throws Throwable {
        Method m = Helpers.class.getMethod("testConfigurableRoundtrip", Configurable.class);
        try {
            m.invoke(null, source);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Map<String, Double> features(Example<MultiLabel> example) {
        Map<String, Double> out = new HashMap<>();
        for (Feature f : example) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    @Test
    void emotionsTrainHas391ExamplesWith6LabelsAndArffFeatureNames() throws IOException {
        MulanDataSource source = emotions("train");
        assertEquals(391, source.size());
        assertEquals(6, source.getLabelNames().size());
        assertEquals(72, source.getFeatureNames().size());
        MutableDataset<MultiLabel> data = new MutableDataset<>(source);
        assertEquals(391, data.size());
        assertEquals(6, data.getOutputInfo().size());
        Set<String> domain = new HashSet<>();
        for (MultiLabel m : data.getOutputInfo().getDomain()) {
            domain.addAll(m.getNameSet());
        }
        assertEquals(new HashSet<>(source.getLabelNames()), domain);
        // First row of emotions-train.arff: features start 0.034741, 0.089665; labels 0,1,1,0,0,0.
        Example<MultiLabel> first = data.getExample(0);
        assertEquals(Set.of("happy-pleased", "relaxing-calm"), first.getOutput().getNameSet());
        Map<String, Double> f = features(first);
        assertEquals(0.034741, f.get("Mean_Acc1298_Mean_Mem40_Centroid"), 0.0);
        assertEquals(0.089665, f.get("Mean_Acc1298_Mean_Mem40_Rolloff"), 0.0);
        assertFalse(f.keySet().stream().anyMatch(source.getLabelNames()::contains), "labels are not features");
    }

    @Test
    void mulanProvenanceHashesBothFilesAndRoundTripsThroughConfiguration() throws Throwable {
        MulanDataSource source = emotions("test");
        assertEquals(202, source.size());
        DataSourceProvenance provenance = source.getProvenance();
        Map<String, Provenance> fields = new HashMap<>();
        provenance.forEach(p -> fields.put(p.getA(), p.getB()));
        for (String key : List.of("arffFile", "xmlFile", MulanDataSource.MulanDataSourceProvenance.ARFF_RESOURCE_HASH,
                MulanDataSource.MulanDataSourceProvenance.XML_RESOURCE_HASH,
                MulanDataSource.MulanDataSourceProvenance.ARFF_FILE_MODIFIED_TIME,
                DataSourceProvenance.DATASOURCE_CREATION_TIME)) {
            assertTrue(fields.containsKey(key), "provenance has " + key + ": " + fields.keySet());
        }
        assertNotEquals(fields.get(MulanDataSource.MulanDataSourceProvenance.ARFF_RESOURCE_HASH).toString(),
                fields.get(MulanDataSource.MulanDataSourceProvenance.XML_RESOURCE_HASH).toString());
        configurableRoundtrip(source);
        Helpers.testProvenanceMarshalling(provenance);
        // The dataset carries the source's provenance.
        assertEquals(provenance, new MutableDataset<>(source).getProvenance().getSourceProvenance());
    }

    @Test
    void mekaMusicHas592ExamplesOf71FeaturesAnd6LabelsAndRoundTrips() throws Throwable {
        MekaArffDataSource source = new MekaArffDataSource(BundledDatasets.resolve("meka-multilabel", "Music.arff"));
        assertEquals(592, source.size());
        assertEquals(71, source.getFeatureNames().size());
        assertEquals(List.of("amazed-suprised", "happy-pleased", "relaxing-clam", "quiet-still", "sad-lonely",
                "angry-aggresive"), source.getLabelNames());
        MutableDataset<MultiLabel> data = new MutableDataset<>(source);
        assertEquals(Set.of("happy-pleased", "relaxing-clam"), data.getExample(0).getOutput().getNameSet());
        assertEquals(0.132498, features(data.getExample(0)).get("Mean_Acc1298_Mean_Mem40_Centroid"), 0.0);
        configurableRoundtrip(source);
        Helpers.testProvenanceMarshalling(source.getProvenance());
    }

    @Test
    void examplesWithoutRelevantLabelsGetTheEmptyMultiLabelAndZerosAreDropped() throws IOException {
        Path arff = dir.resolve("tiny.arff");
        Files.write(arff, List.of("@relation 'tiny: -C 2'", "@attribute a {0,1}", "@attribute b {0,1}",
                "@attribute x numeric", "@attribute y numeric", "@data", "1,0,0.5,0", "0,0,0,2", "0,1,1,1",
                "1,1,0,0"));
        MekaArffDataSource source = new MekaArffDataSource(arff);
        MutableDataset<MultiLabel> data = new MutableDataset<>(source);
        assertEquals(4, data.size(), "Tribuo accepts an example with no relevant label");
        // Tribuo rejects featureless examples, so an all-zero row keeps explicit zeros.
        assertEquals(Map.of("x", 0.0, "y", 0.0), features(data.getExample(3)));
        MultiLabel empty = data.getExample(1).getOutput();
        assertTrue(empty.getLabelSet().isEmpty());
        assertNotEquals(MultiLabelFactory.UNKNOWN_MULTILABEL, empty, "empty is not Tribuo's unknown output");
        assertEquals(Map.of("x", 0.5), features(data.getExample(0)), "the zero value of y is not a feature");
        assertEquals(List.of("x", "y"), source.getFeatureNames(), "yet every feature is listed by the source");
    }

    @Test
    void mekaFileWithoutLabelCountIsRejectedNamingTheOption() throws IOException {
        Path arff = dir.resolve("plain.arff");
        Files.write(arff, List.of("@relation plain", "@attribute x numeric", "@data", "1"));
        var e = assertThrows(IOException.class, () -> new MekaArffDataSource(arff));
        assertTrue(e.getMessage().contains("-C"), e.getMessage());
    }
}
