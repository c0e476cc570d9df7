package org.hybridqml.nn.backbone;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.data.ImageTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading DL4J model zips, feature equality with the network's own activations, batching, freezing, errors. */
class FrozenBackboneTest {

    @TempDir
    static Path dir;

    static MultiLayerNetwork mln;
    static ComputationGraph graph;
    static Path mlnFile;
    static Path graphFile;

    @BeforeAll
    static void saveModels() throws IOException {
        mln = TestNets.multiLayer(42);
        graph = TestNets.graph(43);
        mlnFile = dir.resolve("mln.zip");
        graphFile = dir.resolve("graph.zip");
        ModelSerializer.writeModel(mln, mlnFile.toFile(), true);
        graph.save(graphFile.toFile());
    }

    /** n random images 1×28×28 in [0, 1], NCHW. */
    static float[] randomImages(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return x;
    }

    static void assertMatrixEquals(INDArray expected, double[][] actual, double tol) {
        double[][] e = expected.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .reshape('c', expected.size(0), expected.length() / expected.size(0)).toDoubleMatrix();
        assertEquals(e.length, actual.length);
        for (int i = 0; i < e.length; i++) {
            assertArrayEquals(e[i], actual[i], tol, "row " + i);
        }
    }

    @Test
    void detectsTheKindAndListsLayers() throws IOException {
        FrozenBackbone a = FrozenBackbone.load(mlnFile);
        FrozenBackbone b = FrozenBackbone.load(graphFile);
        assertEquals(FrozenBackbone.Kind.MULTI_LAYER_NETWORK, a.kind());
        assertEquals(FrozenBackbone.Kind.COMPUTATION_GRAPH, b.kind());
        assertEquals(List.of("conv", "pool", "dense", "out"), a.layerNames());
        assertTrue(b.layerNames().containsAll(List.of("conv", "pool", "gap", "dense", "merge", "out")),
                b.layerNames().toString());
        assertEquals(mln.numParams(), a.numParameters());
        assertEquals(graph.numParams(), b.numParameters());
        assertTrue(a.numParameters() > 1000 && a.numParameters() < 5000, "params " + a.numParameters());
    }

    @Test
    void multiLayerFeaturesEqualTheNetworksActivations() throws IOException {
        int n = 7;
        float[] x = randomImages(n, 1);
        INDArray flat = Nd4j.create(x, new long[]{n, 784}, 'c');
        FrozenBackbone b = FrozenBackbone.load(mlnFile).withBatchSize(3);
        assertMatrixEquals(mln.output(flat, false), b.extract(x, n, 1, 28, 28), 1e-6);
        for (int layer = 0; layer < 4; layer++) {
            INDArray expected = mln.feedForwardToLayer(layer, flat, false).get(layer + 1);
            String name = mln.getLayer(layer).conf().getLayer().getLayerName();
            assertMatrixEquals(expected, b.withFeatureLayer(name).extract(x, n, 1, 28, 28), 1e-6);
            assertMatrixEquals(expected, b.withFeatureLayer(String.valueOf(layer)).extract(x, n, 1, 28, 28), 1e-6);
        }
        assertEquals(6 * 6 * 6, b.withFeatureLayer("pool").extract(x, n, 1, 28, 28)[0].length);
    }

    @Test
    void graphFeaturesEqualTheNetworksActivations() throws IOException {
        int n = 5;
        float[] x = randomImages(n, 2);
        INDArray in = Nd4j.create(x, new long[]{n, 1, 28, 28}, 'c');
        FrozenBackbone b = FrozenBackbone.load(graphFile).withBatchSize(2);
        assertMatrixEquals(graph.output(false, in)[0], b.extract(x, n, 1, 28, 28), 1e-6);
        var all = graph.feedForward(in, false);
        for (String v : List.of("conv", "pool", "gap", "dense", "merge", "out")) {
            assertMatrixEquals(all.get(v), b.withFeatureLayer(v).extract(in), 1e-6);
        }
        assertEquals(6, b.withFeatureLayer("gap").extract(in)[0].length);
        assertEquals(22, b.withFeatureLayer("merge").extract(in)[0].length);
    }

    @Test
    void imageTensorsAreConvertedFromChannelsLast() throws IOException {
        int n = 4;
        float[] x = randomImages(n, 3);
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(new ImageTensor(28, 28, 1, Arrays.copyOfRange(x, i * 784, (i + 1) * 784)));
        }
        FrozenBackbone b = FrozenBackbone.load(graphFile).withFeatureLayer("pool");
        double[][] fromArray = b.extract(x, n, 1, 28, 28);
        double[][] fromTensors = b.withBatchSize(3).extract(images);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(fromArray[i], fromTensors[i], 1e-6);
        }
        // a 3-channel image: channels-last → NCHW transposition checked on a tiny identity-like case
        float[] hwc = new float[2 * 2 * 3];
        for (int i = 0; i < hwc.length; i++) {
            hwc[i] = i;
        }
        float[] chw = new float[hwc.length];
        java.lang.reflect.Method m;
        try {
            m = FrozenBackbone.class.getDeclaredMethod("toChw", ImageTensor.class, float[].class, int.class);
            m.setAccessible(true);
            m.invoke(null, new ImageTensor(2, 2, 3, hwc), chw, 0);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(new float[]{0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11}, chw, 0f);
    }

    @Test
    void batchSizeDoesNotChangeFeaturesAndTheNetworkStaysFrozen() throws IOException {
        int n = 10;
        float[] x = randomImages(n, 4);
        FrozenBackbone b = FrozenBackbone.load(mlnFile).withFeatureLayer("dense");
        double[] before = b.parameterSnapshot();
        double[][] one = b.withBatchSize(1).extract(x, n, 1, 28, 28);
        double[][] all = b.withBatchSize(64).extract(x, n, 1, 28, 28);
        double[][] again = b.withBatchSize(4).extract(x, n, 1, 28, 28);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(one[i], all[i], 1e-6);
            // the dense layer has dropout 0.5: equal repeated results show inference mode
            assertArrayEquals(all[i], again[i], 1e-6);
        }
        assertArrayEquals(before, b.parameterSnapshot(), 0.0);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.zip");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FrozenBackbone.load(missing));
        assertTrue(e.getMessage().contains("nope.zip") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void corruptOrForeignZip() throws IOException {
        Path garbage = dir.resolve("garbage.zip");
        byte[] bytes = new byte[1000];
        new SplittableRandom(5).nextBytes(bytes);
        Files.write(garbage, bytes);
        IOException e = assertThrows(IOException.class, () -> FrozenBackbone.load(garbage));
        assertTrue(e.getMessage().contains("not a valid zip"), e.getMessage());

        Path foreign = dir.resolve("foreign.zip");
        try (OutputStream out = Files.newOutputStream(foreign); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        e = assertThrows(IOException.class, () -> FrozenBackbone.load(foreign));
        assertTrue(e.getMessage().contains("without configuration.json"), e.getMessage());

        Path badJson = dir.resolve("badjson.zip");
        writeZip(badJson, "configuration.json", "this is { not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "coefficients.bin", new byte[10]);
        e = assertThrows(IOException.class, () -> FrozenBackbone.load(badJson));
        assertTrue(e.getMessage().contains("Unreadable configuration.json"), e.getMessage());

        Path badParams = dir.resolve("badparams.zip");
        byte[] conf = mln.getLayerWiseConfigurations().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeZip(badParams, "configuration.json", conf, "coefficients.bin", new byte[]{1, 2, 3});
        e = assertThrows(IOException.class, () -> FrozenBackbone.load(badParams));
        assertTrue(e.getMessage().contains("Could not load the DL4J MULTI_LAYER_NETWORK")
                && e.getMessage().contains("badparams.zip"), e.getMessage());

        Path truncated = dir.resolve("truncated.zip");
        byte[] model = Files.readAllBytes(mlnFile);
        Files.write(truncated, Arrays.copyOf(model, model.length / 2));
        e = assertThrows(IOException.class, () -> FrozenBackbone.load(truncated));
        assertTrue(e.getMessage().contains("truncated.zip"), e.getMessage());
    }

    static void writeZip(Path file, String name1, byte[] data1, String name2, byte[] data2) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name1));
            z.write(data1);
            z.closeEntry();
            z.putNextEntry(new ZipEntry(name2));
            z.write(data2);
            z.closeEntry();
        }
    }

    @Test
    void wrongInputShapeNamesExpectedAndActual() throws IOException {
        FrozenBackbone flat = FrozenBackbone.load(mlnFile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flat.extract(new float[2 * 32 * 32], 2, 1, 32, 32));
        assertTrue(e.getMessage().contains("expects input 1x28x28") && e.getMessage().contains("got 1x32x32"),
                e.getMessage());

        FrozenBackbone g = FrozenBackbone.load(graphFile);
        e = assertThrows(IllegalArgumentException.class, () -> g.extract(new float[3 * 28 * 28], 1, 3, 28, 28));
        assertTrue(e.getMessage().contains("with 1 channels") && e.getMessage().contains("got 3x28x28"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.extract(new float[32 * 32], 1, 1, 32, 32));
        assertTrue(e.getMessage().contains("1x26\u201329x26\u201329") && e.getMessage().contains("got 1x32x32"),
                e.getMessage());
        // sizes that give the same pooled size are accepted (max-pooling floors)
        assertEquals(16, g.withFeatureLayer("dense").extract(new float[29 * 29], 1, 1, 29, 29)[0].length);

        e = assertThrows(IllegalArgumentException.class,
                () -> g.extract(List.of(new ImageTensor(28, 28, 1, new float[784]),
                        new ImageTensor(27, 28, 1, new float[27 * 28]))));
        assertTrue(e.getMessage().contains("Image 1 is 1x27x28"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.extract(new float[10], 1, 1, 28, 28));
        assertTrue(e.getMessage().contains("has 10 values"), e.getMessage());
    }

    @Test
    void unknownFeatureLayer() throws IOException {
        FrozenBackbone g = FrozenBackbone.load(graphFile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.withFeatureLayer("fc7"));
        assertTrue(e.getMessage().contains("'fc7'") && e.getMessage().contains("gap"), e.getMessage());
        FrozenBackbone m = FrozenBackbone.load(mlnFile);
        e = assertThrows(IllegalArgumentException.class, () -> m.withFeatureLayer("9"));
        assertTrue(e.getMessage().contains("dense"), e.getMessage());
    }
}
