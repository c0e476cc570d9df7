package org.hybridqml.bench;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.circuit.Circuit;

import java.util.ArrayList;
import java.util.List;

/**
 * One circuit a simulator benchmark times: its row name, the circuit, the batch the fast simulator runs and how many
 * samples of it the naive reference runs (the naive simulator is too slow for a whole batch of the larger circuits).
 *
 * @param name         the row name (also what {@code --only <prefix>} matches)
 * @param circuit      the circuit
 * @param batch        samples per fast-simulator call
 * @param naiveSamples samples the naive reference runs (&le; batch)
 */
public record BenchmarkCase(String name, Circuit circuit, int batch, int naiveSamples) {

    /**
     * The small circuits every simulator benchmark starts with: the QuFeX PQC1/PQC2 circuits at 4, 8 and 12 qubits
     * (batch 1024, 256 at 12 qubits; 64 naive samples) and the pointwise strongly entangling circuit of one 28×28
     * image's pixels (4 qubits, L = 2, batch 784).
     *
     * @return a new, mutable list
     */
    public static List<BenchmarkCase> smallCircuits() {
        List<BenchmarkCase> cases = new ArrayList<>();
        for (int n : new int[]{4, 8, 12}) {
            int batch = n == 12 ? 256 : 1024;
            cases.add(new BenchmarkCase("QuFeX PQC1 " + n + "q", QuFeXCircuits.pqc1(n), batch, Math.min(batch, 64)));
            cases.add(new BenchmarkCase("QuFeX PQC2 " + n + "q", QuFeXCircuits.pqc2(n), batch, Math.min(batch, 64)));
        }
        cases.add(new BenchmarkCase("Pointwise SEL 4q L=2 (784 px)", StronglyEntanglingLayers.circuit(16, 2), 784,
                784));
        return cases;
    }
}
