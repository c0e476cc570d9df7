package org.hybridqml.tribuo.classification;

import org.hybridqml.nn.layer.QuantumLayerOutputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuantumPointwiseCNNModel#toOpenQasm}: the trained pointwise circuits bound to one pixel of the feature map
 * entering the quantum layer, one OpenQASM program per circuit, reproduce the layer's own ⟨Z⟩ outputs at that pixel
 * (its forward pass on that input) to 1e-12 once imported and simulated.
 */
class QuantumPointwiseCNNModelQasmTest {

    @Test
    void qasmOfAPixelReproducesTheQuantumLayer() throws Exception {
        MutableDataset<Label> all = FashionSample.all();
        QuantumPointwiseCNNModel model = new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, false, 1, 32, 0.01, 1)
                .withInputScale(1 / 255.0).train(FashionSample.first(all, 32));
        Example<Label> example = all.getExample(2);

        // snippet-start pointwise-qasm
        int pixel = 7 * 14 + 7; // row 7, column 7 of the 14x14 feature map entering the quantum layer
        List<String> programs = model.toOpenQasm(example, pixel, false); // OpenQASM 2.0, one program per circuit
        // snippet-end pointwise-qasm

        INDArray image = model.networkInput(example);
        int pixels = model.pixelsPerImage();
        assertEquals(14 * 14, pixels, "28x28 images pooled once");
        List<Integer> checked = new ArrayList<>(List.of(0, pixel, pixels - 1));
        int zero = QuantumLayerOutputs.zeroPixel(model.network(), image);
        if (zero >= 0) {
            checked.add(zero); // embedded as |0...0>, as the layer does
        }
        for (int p : checked) {
            List<String> qasm2 = p == pixel ? programs : model.toOpenQasm(example, p, false);
            assertEquals(2, qasm2.size(), "two circuits, one program each");
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(QuantumLayerOutputs.pointwisePixel(model.network(), image, p, k),
                        QuantumLayerOutputs.simulate(qasm2.get(k)), 1e-12, "pixel " + p + ", circuit " + (k + 1));
            }
        }
        assertEquals(model.toOpenQasm(example, 0, false), model.toOpenQasm(example, false), "pixel 0 is the default");
        assertTrue(model.toOpenQasm(example, pixel, true).get(1).startsWith("OPENQASM 3.0;"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> model.toOpenQasm(example, pixels, false));
        assertTrue(e.getMessage().contains("valid 0.." + (pixels - 1)), e.getMessage());
    }
}
