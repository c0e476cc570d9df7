package org.hybridqml.tribuo.qnn;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hybridqml.io.SealedModel;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.hybridqml.qnn.train.TrainingHistory;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shared prediction path of the Tribuo models wrapping a shared-sim {@link TrainedHead} (DQC or CDL): examples are
 * read densely through the feature map (absent features are 0), scored by the head in batches, and each subclass
 * turns the per-output probabilities into its prediction type.
 *
 * <p>The models are black boxes to Tribuo's explanation API: {@link #getTopFeatures} returns an empty map and
 * {@link #getExcuse} an empty optional, as Tribuo's external-engine models do. Prediction is thread-safe (calls on
 * one model are serialised, because the head's simulator is not re-entrant).
 *
 * @param <T> the output type
 */
public abstract class AbstractHeadModel<T extends Output<T>> extends Model<T> implements HasTrainedCircuits {

    private static final long serialVersionUID = 1L;

    /** Examples scored per head call. */
    private static final int BATCH = 256;

    /** The trained head with its standardisation. */
    protected final TrainedHead trained;

    /**
     * @param name         model name
     * @param provenance   model provenance
     * @param featureIDMap feature domain
     * @param outputIDInfo output domain; output id k is the head's output k
     * @param trained      the trained head
     */
    protected AbstractHeadModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                                ImmutableOutputInfo<T> outputIDInfo, TrainedHead trained) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        if (trained.head().numFeatures() != featureIDMap.size()
                || trained.head().numOutputs() != outputIDInfo.size()) {
            throw new IllegalArgumentException("Head " + trained.head().describe() + " does not match "
                    + featureIDMap.size() + " features and " + outputIDInfo.size() + " outputs");
        }
        this.trained = trained;
    }

    /**
     * The DQC head's circuit ({@code "DQC head"}) with its trained weights; {@link #drawCircuits()} draws it in
     * Unicode with the trained angles bound and the inputs symbolic, and {@link #toString()} ends with that drawing.
     *
     * @return a one-element list for the DQC head, empty for the classical CDL head
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return trained.trainedCircuits();
    }

    /**
     * The trained head (shared, not a copy: do not modify it).
     *
     * @return the trained head with its standardisation and training history
     */
    public TrainedHead trainedHead() {
        return trained;
    }

    /**
     * The per-epoch training history, under the name every model of this module uses ({@code QuNetModel},
     * {@code QuantumPointwiseCNNModel}). The head trainer's record starts with epoch 0 (the initial model, the
     * baseline of early stopping) and names the epoch whose parameters were kept; it is stored in both serialized
     * forms.
     *
     * @return the training history
     */
    public TrainingHistory history() {
        return trained.history();
    }

    /**
     * How the DQC head evaluates its circuit at prediction time ({@link PredictionNoise#exact()} unless set by
     * {@link #withPredictionNoise}).
     *
     * @return the setting; exact for the classical CDL head
     */
    public PredictionNoise predictionNoise() {
        return trained.predictionNoise();
    }

    /**
     * A copy of this model (same name, provenance, domains and trained parameters) whose predictions evaluate the
     * DQC circuit with finite seeded shots and/or a noise channel; training is not affected. The setting is kept by
     * Java serialization but not by protobuf ({@code serialize()} stores the trained model only; set it again after
     * loading). A classical CDL head has no circuit and predicts as before.
     *
     * @param noise the setting, not null; {@link PredictionNoise#exact()} gives the exact predictions bit for bit
     * @return the new model
     */
    public abstract AbstractHeadModel<T> withPredictionNoise(PredictionNoise noise);

    /**
     * The DQC circuit of one example as an OpenQASM program ({@link TrainedHead#toOpenQasm}): the trained circuit
     * weights and the example's circuit inputs tanh(Dense(x))·π/2, x being its features read as
     * {@link #probabilities} reads them and standardised as in training, bound to numbers, every qubit measured.
     * Simulating the program gives the ⟨Z_i⟩ the model's output layer reads for this example.
     *
     * @param example the example
     * @param qasm3   OpenQASM 3.0 when true, else 2.0
     * @return the program
     * @throws IllegalArgumentException for the classical CDL head (no circuit)
     */
    public String toOpenQasm(Example<T> example, boolean qasm3) {
        return trained.toOpenQasm(AbstractHeadTrainer.denseFeatures(example, featureIDMap), qasm3);
    }

    /**
     * Builds the prediction of one example.
     *
     * @param probabilities one probability per output id
     * @param numUsed       number of the example's features the model knows
     * @param example       the example
     * @return the prediction
     */
    protected abstract Prediction<T> makePrediction(double[] probabilities, int numUsed, Example<T> example);

    /**
     * Per-output probabilities of examples (sigmoid per label, or softmax over classes).
     *
     * @param examples the examples
     * @return [examples][outputs]
     */
    public double[][] probabilities(List<Example<T>> examples) {
        double[][] x = new double[examples.size()][];
        for (int i = 0; i < x.length; i++) {
            Example<T> e = examples.get(i);
            x[i] = AbstractHeadTrainer.denseFeatures(e, featureIDMap);
            if (numUsed(e) == 0) {
                throw new IllegalArgumentException("No features found in example " + i + " (none of its "
                        + e.size() + " features is known to the model)");
            }
        }
        synchronized (trained) {
            return trained.scores(x);
        }
    }

    private int numUsed(Example<T> e) {
        int n = 0;
        for (Feature f : e) {
            if (featureIDMap.getID(f.getName()) >= 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Prediction<T> predict(Example<T> example) {
        double[][] p = probabilities(List.of(example));
        return makePrediction(p[0], numUsed(example), example);
    }

    @Override
    protected List<Prediction<T>> innerPredict(Iterable<Example<T>> examples) {
        List<Prediction<T>> out = new ArrayList<>();
        List<Example<T>> batch = new ArrayList<>(BATCH);
        for (Example<T> e : examples) {
            batch.add(e);
            if (batch.size() == BATCH) {
                predictBatch(batch, out);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            predictBatch(batch, out);
        }
        return out;
    }

    private void predictBatch(List<Example<T>> batch, List<Prediction<T>> out) {
        double[][] p = probabilities(batch);
        for (int i = 0; i < p.length; i++) {
            out.add(makePrediction(p[i], numUsed(batch.get(i)), batch.get(i)));
        }
    }

    /**
     * Java serialization writes the checksummed proxy ({@link SealedTribuoModel}) in place of this model (and every subclass).
     *
     * @return the proxy
     * @throws ObjectStreamException when the model cannot be serialized
     */
    @Serial
    protected Object writeReplace() throws ObjectStreamException {
        return SealedTribuoModel.replace(this);
    }

    /**
     * Accepts this model only from the verified payload of its checksummed proxy ({@link SealedModel#requireSealed}).
     *
     * @param in the stream
     * @throws IOException            when the model is not read from a verified proxy, or on a read error
     * @throws ClassNotFoundException when a class of the stream is missing
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        SealedModel.requireSealed(this, SealedTribuoModel.KIND);
        in.defaultReadObject();
    }

    /** The head is a black box to Tribuo's feature-importance API: an empty map. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    /** No excuses for a black-box head: an empty optional. */
    @Override
    public Optional<Excuse<T>> getExcuse(Example<T> example) {
        return Optional.empty();
    }

    /**
     * Extra words on the model's decision rule for {@link #toString()} (e.g. the multi-label threshold), starting
     * with ", "; empty by default.
     *
     * @return the description, or ""
     */
    protected String decisionDescription() {
        return "";
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name + ", " + trained.head().describe() + ", "
                + featureIDMap.size() + " features, " + outputIDInfo.size() + " outputs, kept epoch "
                + trained.history().bestEpoch() + " of " + trained.history().epochsRun() + decisionDescription() + ")"
                + TrainedCircuit.descriptionSuffix(trainedCircuits(), CircuitDrawing.Style.UNICODE);
    }
}
