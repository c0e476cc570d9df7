package org.hybridqml.tribuo.segmentation;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.ImageShape;
import org.hybridqml.nn.layer.QuantumLayerOutputs;
import org.hybridqml.tribuo.image.ImageExamples;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Example;
import org.tribuo.MutableDataset;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuNetModel#toOpenQasm}: the trained QuFeX circuits bound to one bottleneck patch of an example's image,
 * one OpenQASM program per filter, reproduce the QuFeX layer's own values at that patch (its forward pass on the
 * bottleneck input of that image) to 1e-12 once imported and simulated.
 */
class QuNetModelQasmTest {

    @Test
    void qasmOfAPatchReproducesTheQuFeXLayer() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        MutableDataset<SegmentationMask> data = new MutableDataset<>(
                new ImageMaskDataSource(root.resolve("image"), root.resolve("label"), 1, 32, 32));
        QuNetModel qunet = (QuNetModel) new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-2", 1, 8, 1e-2, 3)
                .train(data);
        Example<SegmentationMask> example = data.getExample(1);

        // snippet-start qunet-qasm
        List<String> programs = qunet.toOpenQasm(example, 0, false); // OpenQASM 2.0, one program per QuFeX filter
        List<String> qasm3 = qunet.toOpenQasm(example, qunet.patchesPerImage() - 1, true); // last patch, 3.0
        // snippet-end qunet-qasm

        assertEquals(programs, qunet.toOpenQasm(example, false), "patch 0 is the default");
        float[] px = ImageExamples.pixels(example, new ImageShape(1, 32, 32), 1f, "the example", "its shape");
        var net = qunet.segmenter().network();
        INDArray image = Nd4j.create(px, new long[]{1, 1, 32, 32}, 'c').castTo(net.params().dataType());
        int patches = qunet.patchesPerImage();
        assertEquals(8 * 4 * 4, patches, "8 maps of 8x8 at the bottleneck of 32x32 images, 2x2 patches");
        for (int patch : new int[]{0, 37, patches - 1}) {
            List<String> qasm2 = qunet.toOpenQasm(example, patch, false);
            assertEquals(2, qasm2.size(), "two filters, one program each");
            for (int f = 0; f < 2; f++) {
                assertArrayEquals(QuantumLayerOutputs.quFeXPatch(net, image, patch, f),
                        QuantumLayerOutputs.simulate(qasm2.get(f)), 1e-12, "patch " + patch + ", filter " + (f + 1));
            }
        }
        assertEquals(2, qasm3.size());
        assertTrue(qasm3.get(0).startsWith("OPENQASM 3.0;") && qasm3.get(1).startsWith("OPENQASM 3.0;"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> qunet.toOpenQasm(example, patches, false));
        assertTrue(e.getMessage().contains("valid 0.." + (patches - 1)), e.getMessage());
    }
}
