package weka.classifiers.functions;

import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.layer.QuantumLayerOutputs;
import org.hybridqml.options.QasmFileOptionBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import weka.core.Instances;
import weka.core.Utils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenQASM export options of the network classifiers: {@link QuNetSegmenter} {@code -qasm-file}/{@code
 * -qasm-patch} and {@link QuantumPointwiseCNN} {@code -qasm-file}/{@code -qasm-pixel}. The files written after
 * training reproduce the quantum layer's own outputs at that patch or pixel of the first training image (its forward
 * pass on that image's input to it) to 1e-12 once imported and simulated; bad indices fail naming the option and the
 * range.
 */
class NetworkQasmFileTest {

    /** The programs of the files written for several circuits: path-1.qasm, path-2.qasm, and not path itself. */
    private static List<String> numberedFiles(Path dir, String stem, int circuits) throws Exception {
        assertFalse(Files.exists(dir.resolve(stem + ".qasm")), "several circuits: one file each, numbered");
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= circuits; k++) {
            out.add(Files.readString(dir.resolve(stem + "-" + k + ".qasm"), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Sets {@code -qasm-file out.qasm} and the site option on a classifier, and checks that getOptions/setOptions
     * carry them to a fresh one.
     */
    private static <C extends AbstractQuantumClassifier & QasmFileOptionBean> C roundTrip(C c, C fresh, String site)
            throws Exception {
        c.setOptions(Utils.splitOptions("-qasm-file out.qasm " + site));
        assertEquals("out.qasm", c.getQasmFile());
        fresh.setOptions(c.getOptions());
        assertEquals(Utils.joinOptions(c.getOptions()), Utils.joinOptions(fresh.getOptions()));
        assertTrue(Utils.joinOptions(fresh.getOptions()).contains(site), Utils.joinOptions(fresh.getOptions()));
        return c;
    }

    @Test
    void quNetOptionsRoundTripAndTheFilesReproduceTheQuFeXLayer(@TempDir Path dir) throws Exception {
        QuNetSegmenter s = roundTrip(QuNetSegmenterTest.segmenter(), new QuNetSegmenter(), "-qasm-patch 3");
        assertEquals(3, s.getQasmPatch());
        assertTrue(s.qasmFileTipText().contains("first training image") && s.qasmFileTipText().contains("out-2.qasm"));
        assertTrue(s.qasmPatchTipText().contains("patch row by row"));

        Instances train = QuNetSegmenterTest.pixels("2", "3");
        QuNetSegmenter seg = QuNetSegmenterTest.segmenter();
        seg.setBottleneck("4-2");
        seg.setEpochs(1);
        seg.setQasmFile(dir.resolve("qunet.qasm").toString());
        seg.setQasmPatch(5);
        seg.buildClassifier(train);
        List<String> programs = numberedFiles(dir, "qunet", 2);

        // the image of the first training instance
        float[] px = ImageFiles.toNchw(ImageFiles.read(SegmentationDataset.findImage(
                QuNetSegmenterTest.isbi("image"), train.instance(0).stringValue(0)), 1));
        var net = seg.segmenter().network();
        INDArray image = Nd4j.create(px, new long[]{1, 1, 32, 32}, 'c').castTo(net.params().dataType());
        for (int f = 0; f < 2; f++) {
            assertArrayEquals(QuantumLayerOutputs.quFeXPatch(net, image, 5, f),
                    QuantumLayerOutputs.simulate(programs.get(f)), 1e-12, "filter " + (f + 1));
        }

        int patches = seg.segmenter().patchesPerImage();
        QuNetSegmenter bad = QuNetSegmenterTest.segmenter();
        bad.setQasmFile(dir.resolve("bad.qasm").toString());
        bad.setQasmPatch(patches);
        Exception e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(train));
        assertTrue(e.getMessage().contains("qasmPatch (-qasm-patch)")
                && e.getMessage().contains("0.." + (patches - 1)), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.qasm")));
        bad.setQasmPatch(-1);
        e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(train));
        assertTrue(e.getMessage().contains("qasmPatch (-qasm-patch)"), e.getMessage());
    }

    @Test
    void pointwiseOptionsRoundTripAndTheFilesReproduceTheQuantumLayer(@TempDir Path dir) throws Exception {
        QuantumPointwiseCNN c = roundTrip(new QuantumPointwiseCNN(), new QuantumPointwiseCNN(), "-qasm-pixel 7");
        assertEquals(7, c.getQasmPixel());
        assertTrue(c.qasmFileTipText().contains("first training instance"));
        assertTrue(c.qasmPixelTipText().contains("(width/2)*(height/2)"));

        Instances train = new Instances(DressedQuantumCircuitClassifierDigitsTest.digits(40), 0, 40);
        String common = "-width 8 -height 8 -pixel-scale 0.0625 -E 1 -mini-batch 16 -no-progress ";
        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        cnn.setOptions(Utils.splitOptions(common + "-K 2 -qasm-file " + dir.resolve("pw.qasm") + " -qasm-pixel 6"));
        cnn.buildClassifier(train);
        List<String> programs = numberedFiles(dir, "pw", 2);
        INDArray image = Nd4j.create(cnn.image(train.instance(0), 0), new long[]{1, 1, 8, 8}, 'c')
                .castTo(DataType.FLOAT);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(QuantumLayerOutputs.pointwisePixel(cnn.network(), image, 6, k),
                    QuantumLayerOutputs.simulate(programs.get(k)), 1e-12, "circuit " + (k + 1));
        }

        QuantumPointwiseCNN one = new QuantumPointwiseCNN();
        one.setOptions(Utils.splitOptions(common + "-K 1 -qasm-file " + dir.resolve("one.qasm")));
        one.buildClassifier(train);
        String single = Files.readString(dir.resolve("one.qasm"), StandardCharsets.UTF_8);
        assertArrayEquals(QuantumLayerOutputs.pointwisePixel(one.network(), image, 0, 0),
                QuantumLayerOutputs.simulate(single), 1e-12, "one circuit: the path itself, pixel 0 by default");

        QuantumPointwiseCNN bad = new QuantumPointwiseCNN();
        bad.setOptions(Utils.splitOptions(common + "-qasm-file " + dir.resolve("bad.qasm") + " -qasm-pixel 16"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(train));
        assertTrue(e.getMessage().contains("qasmPixel (-qasm-pixel)") && e.getMessage().contains("0..15"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad-1.qasm")));
    }
}
