package org.hybridqml.qnn.head;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.ForwardTape;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Circuit;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The dressed quantum circuit (DQC) head of Chan et al., arXiv:2405.00156 (authors' code
 * {@code BioIntelligence-Lab/QuMI/src/model.py}):
 * Dense(F → n) with bias → tanh(·)·π/2 → {@link DressedQuantumCircuit#circuit(int, int) the DQC circuit} on n qubits
 * (H + RY(x_i), then {@code layers} × (RY(w) on every wire + CNOT ring)) → ⟨Z_i⟩ → Dense(n → L) with bias → logits.
 *
 * <p>The paper uses n = L qubits and 3 layers; both are configurable, and n ≠ L simply changes the widths of the two
 * dense layers. The circuit is real-valued and runs on the simulator's real fast path; the whole mini-batch goes
 * through one simulator call per pass: {@link StatevectorSimulator#forward} keeps the final states on a tape, so the
 * backward pass runs only the adjoint sweep (the adjoint method of Jones &amp; Gacon, arXiv:2009.02823;
 * {@link #logits} for inference keeps nothing).
 *
 * <p>Parameter layout (flat): W_in row-major [n][F], b_in [n], circuit weights [layers][n] (index l·n + i, as the
 * circuit builder numbers them), W_out row-major [L][n], b_out [L].
 *
 * <p>Inference ({@link #logits}) evaluates the circuit as {@link #predictionNoise()} says: exactly by default, or
 * from finite shots and/or under a noise channel ({@link #withPredictionNoise}); training ({@link #forward},
 * {@link #backward}) is always exact.
 *
 * <p>Initialisation: dense kernels LeCun-normal (Flax's {@code nn.Dense} default, which the authors' Flax model
 * uses), dense biases zero, circuit weights Normal(0, σ = 2π) as the authors' code.
 */
public final class DressedQuantumHead implements ClassifierHead, HasTrainedCircuits {

    private static final long serialVersionUID = 1L;

    /** Standard deviation of the circuit-weight initialisation, as the authors' code. */
    public static final double CIRCUIT_WEIGHT_SD = 2 * Math.PI;

    private static final double HALF_PI = Math.PI / 2;

    private final int numQubits;
    private final int layers;
    private final Dense in;
    private final int wOff;
    private final Dense out;
    private final double[] params;
    /** The prediction-time evaluation; null (heads saved before it existed) means exact. */
    private PredictionNoise predictionNoise;
    private transient Circuit circuit;
    private transient StatevectorSimulator simulator;

    /**
     * The paper's head: one qubit per output, {@link DressedQuantumCircuit#PAPER_LAYERS} layers, initialised from
     * seed 0 (trainers re-initialise from their own seed).
     *
     * @param numFeatures input width F
     * @param numOutputs  logits L (= qubits)
     */
    public DressedQuantumHead(int numFeatures, int numOutputs) {
        this(numFeatures, numOutputs, numOutputs, DressedQuantumCircuit.PAPER_LAYERS);
    }

    /**
     * A head with a chosen number of qubits and layers, initialised from seed 0.
     *
     * @param numFeatures input width F &ge; 1
     * @param numOutputs  logits L &ge; 1
     * @param numQubits   qubits n &ge; 1
     * @param layers      variational layers &ge; 1
     */
    public DressedQuantumHead(int numFeatures, int numOutputs, int numQubits, int layers) {
        if (numFeatures < 1 || numOutputs < 1 || numQubits < 1 || layers < 1) {
            throw new IllegalArgumentException("DQC head needs >= 1 feature, output, qubit and layer; got features="
                    + numFeatures + ", outputs=" + numOutputs + ", qubits=" + numQubits + ", layers=" + layers);
        }
        if (numQubits > Circuit.MAX_QUBITS) {
            throw new IllegalArgumentException("DQC head qubits must be at most " + Circuit.MAX_QUBITS
                    + " (the simulator's limit), got " + numQubits);
        }
        this.numQubits = numQubits;
        this.layers = layers;
        this.in = new Dense(numFeatures, numQubits, 0);
        this.wOff = in.end();
        this.out = new Dense(numQubits, numOutputs, wOff + layers * numQubits);
        this.params = new double[out.end()];
        initialize(new SplittableRandom(0));
    }

    /**
     * The qubit count for a head: the requested count, or, when {@code requested} is 0 (the default of the
     * platforms' qubit options), one qubit per output as in the paper. Both must be within 1..{@link
     * Circuit#MAX_QUBITS}; the error names the output count, the limit and the option to set, so a 38-label data set
     * with default qubits fails with what to do rather than with the circuit builder's range check.
     *
     * @param requested  the configured qubit count, or 0 for one per output
     * @param outputs    the number of labels or classes
     * @param outputWord what an output is, for the message ("labels", "classes")
     * @param option     the option that sets the qubit count, as the platform spells it (e.g. "numQubits (-Q)")
     * @return the qubit count to build the head with
     * @throws IllegalArgumentException if the count is outside 1..{@link Circuit#MAX_QUBITS}
     */
    public static int qubitsFor(int requested, int outputs, String outputWord, String option) {
        if (requested < 0) {
            throw new IllegalArgumentException(option + " must be >= 1, or 0 for one qubit per " + outputWord
                    + ", got " + requested);
        }
        if (requested == 0) {
            if (outputs > Circuit.MAX_QUBITS) {
                throw new IllegalArgumentException("The DQC head defaults to one qubit per output, but the data has "
                        + outputs + " " + outputWord + " and the simulator's limit is " + Circuit.MAX_QUBITS
                        + " qubits: set " + option + " to a value in 1.." + Circuit.MAX_QUBITS
                        + " (simulation cost grows as 2^qubits, so a small value such as 8 is usual)");
            }
            return outputs;
        }
        if (requested > Circuit.MAX_QUBITS) {
            throw new IllegalArgumentException(option + " is " + requested + ", above the simulator's limit of "
                    + Circuit.MAX_QUBITS + " qubits");
        }
        return requested;
    }

    private DressedQuantumHead(DressedQuantumHead o) {
        this.numQubits = o.numQubits;
        this.layers = o.layers;
        this.in = o.in;
        this.wOff = o.wOff;
        this.out = o.out;
        this.params = o.params.clone();
        this.predictionNoise = o.predictionNoise;
        this.circuit = o.circuit;
        this.simulator = o.simulator;
    }

    /** @return qubits n */
    public int numQubits() {
        return numQubits;
    }

    /** @return variational layers */
    public int layers() {
        return layers;
    }

    /** @return the circuit this head simulates */
    public Circuit circuit() {
        if (circuit == null) {
            circuit = DressedQuantumCircuit.circuit(numQubits, layers);
        }
        return circuit;
    }

    /** @return the simulator (by default one using every available processor) */
    public StatevectorSimulator simulator() {
        if (simulator == null) {
            simulator = new StatevectorSimulator();
        }
        return simulator;
    }

    /**
     * Replaces the simulator (thread count, memory limit). Not serialised: a deserialised head gets a default one.
     *
     * @param sim the simulator
     * @return this head
     */
    public DressedQuantumHead simulator(StatevectorSimulator sim) {
        if (sim == null) {
            throw new IllegalArgumentException("simulator must not be null");
        }
        this.simulator = sim;
        return this;
    }

    /** @return how {@link #logits} evaluates the circuit ({@link PredictionNoise#exact()} by default) */
    public PredictionNoise predictionNoise() {
        return predictionNoise == null ? PredictionNoise.exact() : predictionNoise;
    }

    /**
     * A copy of this head whose {@link #logits} (inference) evaluate the circuit with finite shots and/or noise;
     * training the copy stays exact. {@link PredictionNoise#exact()} gives the exact predictions bit for bit.
     *
     * @param noise the prediction-time setting, not null
     * @return the copy (parameters copied, the simulator shared)
     */
    public DressedQuantumHead withPredictionNoise(PredictionNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("prediction noise must not be null; use PredictionNoise.exact()");
        }
        DressedQuantumHead c = new DressedQuantumHead(this);
        c.predictionNoise = noise;
        return c;
    }

    /**
     * The circuit inputs tanh(Dense(x))·π/2 of standardised feature rows: what {@link #logits} simulates the
     * circuit on (with the weights of {@link #trainedCircuits()}).
     *
     * @param features standardised features, [batch][{@link #numFeatures()}]
     * @return the angles, [batch][{@link #numQubits()}]
     */
    public double[][] circuitInputs(double[][] features) {
        return anglesOf(encode(features));
    }

    @Override
    public int numFeatures() {
        return in.in;
    }

    @Override
    public int numOutputs() {
        return out.out;
    }

    @Override
    public int numParameters() {
        return params.length;
    }

    @Override
    public double[] parameters() {
        return params;
    }

    /**
     * The readout is the output Dense(n → L) after ⟨Z⟩: W_out and b_out, the last parameters of the layout.
     *
     * @return the index of W_out's first entry in {@link #parameters()}
     */
    @Override
    public int readoutStart() {
        return out.wOff;
    }

    /** @return offset of the circuit weights in {@link #parameters()} */
    public int circuitWeightOffset() {
        return wOff;
    }

    /**
     * The head's one circuit, {@code "DQC head"}, with the circuit-weight slice of {@link #parameters()} (a copy):
     * simulating it on the angles tanh(Dense(x))·π/2 gives the ⟨Z_i⟩ that the output layer reads.
     *
     * @return a one-element list
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return List.of(new TrainedCircuit("DQC head", circuit(), circuitWeights()));
    }

    @Override
    public void initialize(RandomGenerator rng) {
        in.initLecunNormal(params, rng);
        for (int k = 0; k < layers * numQubits; k++) {
            params[wOff + k] = CIRCUIT_WEIGHT_SD * rng.nextGaussian();
        }
        out.initLecunNormal(params, rng);
    }

    @Override
    public void setConstantOutput(int output, double logit) {
        out.setConstant(params, output, logit);
    }

    @Override
    public void setOutputBias(double[] bias) {
        out.setBias(params, bias);
    }

    private double[] circuitWeights() {
        double[] w = new double[layers * numQubits];
        System.arraycopy(params, wOff, w, 0, w.length);
        return w;
    }

    @Override
    public HeadPass forward(double[][] features) {
        double[][] t = encode(features);
        double[][] angles = anglesOf(t);
        // The tape keeps the final states, so backward runs only the adjoint sweep.
        ForwardTape tape = simulator().forward(circuit(), circuitWeights(), angles);
        double[][] z = tape.expectations();
        return new HeadPass(this, tape, features, out.forward(params, z), t, angles, z);
    }

    @Override
    public double[][] logits(double[][] features) {
        double[][] angles = circuitInputs(features);
        return out.forward(params, predictionNoise().expectations(circuit(), circuitWeights(), angles, simulator()));
    }

    /** tanh(Dense(x)), [batch][qubits]. */
    private double[][] encode(double[][] features) {
        Dense.checkBatch(features, in.in);
        double[][] t = in.forward(params, features);
        for (double[] row : t) {
            for (int i = 0; i < numQubits; i++) {
                row[i] = Math.tanh(row[i]);
            }
        }
        return t;
    }

    /** The circuit's input angles tanh(·)·π/2. */
    private double[][] anglesOf(double[][] tanh) {
        double[][] angles = new double[tanh.length][numQubits];
        for (int b = 0; b < tanh.length; b++) {
            for (int i = 0; i < numQubits; i++) {
                angles[b][i] = tanh[b][i] * HALF_PI;
            }
        }
        return angles;
    }

    @Override
    public HeadGradients backward(HeadPass pass, double[][] logitGrad) {
        pass.checkOwner(this, logitGrad);
        double[][] tanh = pass.cache[0];
        double[][] angles = pass.cache[1];
        double[][] z = pass.cache[2];
        double[] g = new double[params.length];
        double[][] dz = out.backward(params, z, logitGrad, g);
        ValueAndGradient vg = pass.tape != null ? pass.tape.backward(dz)
                : simulator().valueAndGradient(circuit(), circuitWeights(), angles, dz);
        double[] dw = vg.parameterGradient();
        System.arraycopy(dw, 0, g, wOff, dw.length);
        double[][] dPre = vg.inputGradient();
        for (int b = 0; b < dPre.length; b++) {
            for (int i = 0; i < numQubits; i++) {
                double th = tanh[b][i];
                dPre[b][i] *= HALF_PI * (1 - th * th);
            }
        }
        double[][] dx = in.backward(params, pass.features(), dPre, g);
        return new HeadGradients(g, dx);
    }

    /**
     * Checks the simulator's memory guard for a training step (forward and adjoint pass) with this batch size.
     *
     * @param batchSize the mini-batch size
     * @throws IllegalArgumentException naming the bytes needed and the limit
     */
    @Override
    public void checkTrainable(int batchSize) {
        StatevectorSimulator sim = simulator();
        long need = sim.bytesNeeded(circuit(), batchSize, true);
        if (need > sim.memoryLimitBytes()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "DQC head with %d qubits cannot be trained: simulating a %d-qubit circuit with batch %d on %d "
                            + "thread(s) needs %,d bytes (%.1f MiB), above the simulator's memory limit of %,d bytes; "
                            + "use fewer qubits (the head maps any number of qubits to the labels), fewer threads or "
                            + "a smaller batch, or raise the limit (StatevectorSimulator.memoryLimitBytes / -Xmx)",
                    numQubits, numQubits, batchSize, Math.min(sim.threads(), batchSize), need, need / 1048576.0,
                    sim.memoryLimitBytes()));
        }
    }

    @Override
    public DressedQuantumHead copy() {
        return new DressedQuantumHead(this);
    }

    @Override
    public String describe() {
        return "DQC head: Dense(" + in.in + " -> " + numQubits + ") -> tanh*pi/2 -> " + numQubits + "-qubit circuit x "
                + layers + (layers == 1 ? " layer" : " layers") + " -> <Z> -> Dense(" + numQubits + " -> " + out.out + ") logits, " + params.length
                + " parameters";
    }

    @Override
    public String toString() {
        return describe();
    }
}
