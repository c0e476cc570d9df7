package org.hybridqml.tribuo.classification;

import com.google.protobuf.ByteString;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.ImageShape;
import org.hybridqml.nn.train.EpochStats;
import org.hybridqml.tribuo.image.ImageExamples;
import org.hybridqml.tribuo.classification.protos.QuantumPointwiseCNNModelProto;
import org.hybridqml.tribuo.qnn.ModelProtos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tribuo protobuf form of {@link QuantumPointwiseCNNModel}: a tiny quantum pointwise CNN trained for one epoch on 24
 * bundled CIFAR-10 JPEGs (two classes, resized to a non-square 16x12 RGB image so that a width/height mix-up shows),
 * round-tripped in memory and through a file, and corrupt payloads rejected with clear errors.
 */
class QuantumPointwiseCNNModelProtoTest {

    private static final int WIDTH = 16;
    private static final int HEIGHT = 12;
    private static final int EPOCHS = 2;

    @TempDir
    static Path images;
    private static MutableDataset<Label> data;
    private static QuantumPointwiseCNNModel model;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        for (String cls : new String[]{"airplane", "frog"}) {
            Path from = BundledDatasets.resolve("cifar10-jpg-subset", "test", cls);
            Path to = Files.createDirectories(images.resolve(cls));
            for (int i = 0; i < 12; i++) {
                String name = String.format("%04d.jpg", i);
                Files.copy(from.resolve(name), to.resolve(name));
            }
        }
        data = new MutableDataset<>(new ImageDirectoryDataSource(images, 3, HEIGHT, WIDTH));
        // Non-default input scale, so that losing it in the round trip would change the predictions.
        model = new QuantumPointwiseCNNTrainer(HEIGHT, WIDTH, 3, 1, 1, false, EPOCHS, 8, 0.003, 5)
                .withInputScale(0.5).train(data);
    }

    private static void assertSamePredictions(Model<Label> expected, Model<?> actual) {
        @SuppressWarnings("unchecked")
        Model<Label> back = (Model<Label>) actual;
        List<Prediction<Label>> p = expected.predict(data);
        List<Prediction<Label>> q = back.predict(data);
        assertEquals(data.size(), q.size());
        for (int i = 0; i < p.size(); i++) {
            assertTrue(q.get(i).hasProbabilities());
            assertEquals(p.get(i).getOutput().getLabel(), q.get(i).getOutput().getLabel());
            Map<String, Label> ps = p.get(i).getOutputScores();
            Map<String, Label> qs = q.get(i).getOutputScores();
            assertEquals(ps.keySet(), qs.keySet());
            for (String label : ps.keySet()) {
                assertEquals(ps.get(label).getScore(), qs.get(label).getScore(), 0.0, "example " + i + " " + label);
            }
        }
    }

    private static QuantumPointwiseCNNModelProto payload(ModelProto proto) {
        return ModelProtos.payload(proto, QuantumPointwiseCNNModel.class, QuantumPointwiseCNNModelProto.class);
    }

    private static ModelProto edit(UnaryOperator<QuantumPointwiseCNNModelProto.Builder> change) {
        ModelProto proto = model.serialize();
        return ModelProtos.envelope(change.apply(payload(proto).toBuilder()).build(), QuantumPointwiseCNNModel.class,
                proto.getVersion());
    }

    /** Messages of the exception and all its causes (Tribuo wraps the factory's exception). */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) sb.append(t.getMessage()).append(" | ");
        return sb.toString();
    }

    @Test
    void protobufRoundTripIsExact() {
        ModelProto proto = model.serialize();
        assertEquals(QuantumPointwiseCNNModel.class.getName(), proto.getClassName());
        assertEquals(QuantumPointwiseCNNModel.CURRENT_VERSION, proto.getVersion());
        QuantumPointwiseCNNModelProto payload = payload(proto);
        assertEquals(WIDTH, payload.getWidth());
        assertEquals(HEIGHT, payload.getHeight());
        assertEquals(3, payload.getChannels());
        assertEquals(0.5f, payload.getInputScale());

        Model<?> back = Model.deserialize(proto);
        assertInstanceOf(QuantumPointwiseCNNModel.class, back);
        assertEquals(model.getProvenance(), back.getProvenance());
        assertEquals(model.getName(), back.getName());
        assertEquals(model.getFeatureIDMap().size(), back.getFeatureIDMap().size());
        assertEquals(model.getOutputIDInfo().getDomain(), back.getOutputIDInfo().getDomain());
        assertSamePredictions(model, back);
        // The copy writes the same payload (metadata aside: provenance maps need not serialise in the same order).
        assertEquals(payload.toBuilder().clearMetadata().build(),
                payload(back.serialize()).toBuilder().clearMetadata().build());
    }

    /** Image size arguments are (height, width) everywhere: a 12x16 trainer builds a 12-row, 16-column network. */
    @Test
    void nonSquareShapeFollowsTheHeightWidthOrder() {
        assertEquals(new ImageShape(3, HEIGHT, WIDTH), model.imageShape());
        assertEquals(new ImageShape(3, HEIGHT, WIDTH), ImageExamples.declaredShape(data.getExample(0)).orElseThrow());
    }

    @Test
    void historyHasOneEntryPerEpochAndSurvivesTheRoundTrip() {
        List<EpochStats> history = model.history();
        assertEquals(EPOCHS, history.size());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(e + 1, history.get(e).epoch());
            assertTrue(Double.isFinite(history.get(e).meanLoss()) && history.get(e).meanLoss() > 0);
            assertTrue(Double.isNaN(history.get(e).validationScore()), "the Tribuo trainer has no validation data");
        }
        QuantumPointwiseCNNModel back = (QuantumPointwiseCNNModel) Model.deserialize(model.serialize());
        assertEquals(history, back.history());
        assertEquals(model.imageShape(), back.imageShape());
        ModelProto broken = edit(b -> b.addEpochSeconds(1.0));
        assertTrue(messages(assertThrows(RuntimeException.class, () -> Model.deserialize(broken)))
                .contains("history arrays differ in length"));
    }

    @Test
    void fileRoundTripIsExact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pointwise.tribuo");
        model.serializeToFile(file);
        Model<?> back = Model.deserializeFromFile(file);
        assertInstanceOf(QuantumPointwiseCNNModel.class, back);
        assertEquals(model.getProvenance(), back.getProvenance());
        assertSamePredictions(model, back);
    }

    @Test
    void corruptNetworkBytesAreAClearError() {
        ModelProto junk = edit(b -> b.setNetwork(ByteString.copyFromUtf8("not a zip of a DL4J model")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Model.deserialize(junk));
        assertTrue(messages(e).contains("are not a DL4J model"), messages(e));
        ModelProto empty = edit(QuantumPointwiseCNNModelProto.Builder::clearNetwork);
        e = assertThrows(IllegalStateException.class, () -> Model.deserialize(empty));
        assertTrue(messages(e).contains("are not a DL4J model"), messages(e));
    }

    @Test
    void imageSizeMustMatchFeatureMapAndNetwork() {
        // Fewer pixels than the feature map names.
        ModelProto gray = edit(b -> b.setChannels(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Model.deserialize(gray));
        assertTrue(messages(e).contains("stored image size 1x12x16 has only 192 pixels"), messages(e));
        // Same pixel count, but the network was built for 12 rows of 16 columns.
        ModelProto swapped = edit(b -> b.setWidth(HEIGHT).setHeight(WIDTH));
        e = assertThrows(IllegalStateException.class, () -> Model.deserialize(swapped));
        assertTrue(messages(e).contains("does not accept images of the stored size 3x16x12"), messages(e));
        ModelProto noScale = edit(b -> b.setInputScale(0f));
        e = assertThrows(IllegalStateException.class, () -> Model.deserialize(noScale));
        assertTrue(messages(e).contains("input scale"), messages(e));
    }

    @Test
    void unknownVersionIsRejected() {
        ModelProto proto = model.serialize();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantumPointwiseCNNModel.deserializeFromProto(QuantumPointwiseCNNModel.CURRENT_VERSION + 1,
                        proto.getClassName(), proto.getSerializedData()));
        assertTrue(e.getMessage().contains("Unknown version 2"), e.getMessage());
        ModelProto future = proto.toBuilder().setVersion(QuantumPointwiseCNNModel.CURRENT_VERSION + 1).build();
        RuntimeException wrapped = assertThrows(RuntimeException.class, () -> Model.deserialize(future));
        assertTrue(messages(wrapped).contains("Unknown version 2"), messages(wrapped));
        // Version 0 was written without a checksum: not read.
        ModelProto old = proto.toBuilder().setVersion(0).build();
        wrapped = assertThrows(RuntimeException.class, () -> Model.deserialize(old));
        assertTrue(messages(wrapped).contains("protobuf version 0 is not read"), messages(wrapped));
    }
}
