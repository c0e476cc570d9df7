package org.hybridqml.demo;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.draw.CircuitDrawing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the circuits of the three papers for {@code docs/circuit-drawings.md}: prints each text drawing of
 * {@link #drawings()} under its name and writes the SVG drawing of each of {@link #circuits()} to
 * {@code <outputDir>/<name>.svg} (default {@code docs/images}).
 */
public final class DrawPaperCircuits {

    private DrawPaperCircuits() {
    }

    /**
     * The drawn circuits by file name, in the order of the documentation: the QuFeX filters of Qu-Net (Jain &amp;
     * Kalev, arXiv:2501.13165) on 8 qubits, the quantum pointwise-convolution circuit (Ning, Li &amp; Chen,
     * arXiv:2412.01241) on 16 channels (4 qubits) with 2 strongly entangling layers, and the DQC head circuit (Chan et
     * al., arXiv:2405.00156) on 4 qubits with the paper's 3 layers.
     *
     * @return name to circuit
     */
    public static Map<String, Circuit> circuits() {
        Map<String, Circuit> m = new LinkedHashMap<>();
        m.put("qufex-pqc1-8q", QuFeXCircuits.pqc1(8));
        m.put("qufex-pqc2-8q", QuFeXCircuits.pqc2(8));
        m.put("strongly-entangling-16ch-2l", StronglyEntanglingLayers.circuit(16, 2));
        m.put("dqc-4q-3l", DressedQuantumCircuit.circuit(4, DressedQuantumCircuit.PAPER_LAYERS));
        return m;
    }

    /**
     * Every text drawing of {@code docs/circuit-drawings.md}, in its order: each of {@link #circuits()} symbolic in
     * Unicode, the DQC circuit in ASCII wrapped at 60 characters, and a 3-qubit one-layer DQC circuit with bound
     * parameters and inputs.
     *
     * @return name to drawing
     */
    public static Map<String, String> drawings() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Circuit> e : circuits().entrySet()) {
            m.put(e.getKey(), CircuitDrawing.text(e.getValue()));
        }
        m.put("dqc-4q-3l ASCII, 60 characters", CircuitDrawing.text(circuits().get("dqc-4q-3l"), null, null,
                CircuitDrawing.Style.ASCII, 60));
        m.put("dqc-3q-1l bound", CircuitDrawing.text(DressedQuantumCircuit.circuit(3, 1),
                new double[]{0.1, -0.2, 0.3}, new double[]{0.5, 1.0, 1.5}));
        return m;
    }

    /**
     * Entry point.
     *
     * @param args {@code [outputDir]} for the SVG files, default {@code docs/images}
     * @throws IOException if an SVG file cannot be written
     */
    public static void main(String[] args) throws IOException {
        for (Map.Entry<String, String> e : drawings().entrySet()) {
            System.out.println(e.getKey() + ":");
            System.out.println(e.getValue());
            System.out.println();
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(dir);
        for (Map.Entry<String, Circuit> e : circuits().entrySet()) {
            Path svg = dir.resolve(e.getKey() + ".svg");
            Files.writeString(svg, CircuitDrawing.svg(e.getValue()), StandardCharsets.UTF_8);
            System.out.println("wrote " + svg);
        }
    }
}
