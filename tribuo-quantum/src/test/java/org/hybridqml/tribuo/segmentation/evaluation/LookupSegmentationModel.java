package org.hybridqml.tribuo.segmentation.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test model that "predicts" hand-made masks: each example carries a feature {@value #ID_FEATURE} whose value picks
 * its prediction. Lets evaluator tests run Tribuo's real evaluate(model, dataset) path with known answers.
 */
final class LookupSegmentationModel extends Model<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /** Name of the feature holding the example's id. */
    static final String ID_FEATURE = "id";

    private final Map<Integer, SegmentationMask> predictions;

    LookupSegmentationModel(Dataset<SegmentationMask> dataset, Map<Integer, SegmentationMask> predictions) {
        this("lookup", new ModelProvenance(LookupSegmentationModel.class.getName(), OffsetDateTime.now(),
                        dataset.getProvenance(), new EmptyTrainerProvenance()),
                dataset.getFeatureIDMap(), dataset.getOutputIDInfo(), predictions);
    }

    private LookupSegmentationModel(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                                    ImmutableOutputInfo<SegmentationMask> info,
                                    Map<Integer, SegmentationMask> predictions) {
        super(name, provenance, features, info, true);
        this.predictions = Map.copyOf(predictions);
    }

    @Override
    public Prediction<SegmentationMask> predict(Example<SegmentationMask> example) {
        for (Feature f : example) {
            if (f.getName().equals(ID_FEATURE)) {
                SegmentationMask mask = predictions.get((int) f.getValue());
                if (mask == null) {
                    throw new IllegalArgumentException("No prediction stored for id " + f.getValue());
                }
                return new Prediction<>(mask, example.size(), example);
            }
        }
        throw new IllegalArgumentException("Example has no '" + ID_FEATURE + "' feature");
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<SegmentationMask>> getExcuse(Example<SegmentationMask> example) {
        return Optional.empty();
    }

    @Override
    protected Model<SegmentationMask> copy(String newName, ModelProvenance newProvenance) {
        return new LookupSegmentationModel(newName, newProvenance, featureIDMap, outputIDInfo, predictions);
    }
}
