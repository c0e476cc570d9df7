package org.hybridqml.sim.qasm;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.docs.DocSnippets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OpenQASM examples of docs/openqasm.md are what the exporter writes. */
class OpenQasmDocsTest {

    @Test
    void documentedProgramsAreTheExportersOutput() throws IOException {
        List<String> programs = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(DocSnippets.repositoryRoot().resolve("docs/openqasm.md"))) {
            if (line.equals("```text")) {
                block = new StringBuilder();
            } else if (line.equals("```") && block != null) {
                if (block.toString().startsWith("OPENQASM")) {
                    programs.add(block.toString());
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertEquals(List.of(
                OpenQasmExporter.toQasm2(StronglyEntanglingLayers.circuit(3, 1),
                        new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, new double[]{0.6, -0.8, 0.0}),
                OpenQasmExporter.toQasm3(QuFeXCircuits.pqc2(2), new double[]{0.1, 0.2, 0.3, 0.4},
                        new double[]{0.25, 0.5})), programs);
    }
}
