package org.hybridqml.tribuo.segmentation.evaluation;

import org.hybridqml.metrics.BinarySegmentationScorer;
import org.hybridqml.tribuo.segmentation.SegmentationFactory;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.impl.ArrayExample;
import org.tribuo.Tribuo;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationEvaluatorTest {

    private static final double EPS = BinarySegmentationScorer.SOFT_IOU_EPSILON;
    private final SegmentationFactory factory = new SegmentationFactory();

    private MutableDataset<SegmentationMask> dataset(String... truths) {
        MutableDataset<SegmentationMask> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("hand-made masks", factory), factory);
        for (int i = 0; i < truths.length; i++) {
            data.add(new ArrayExample<>(factory.generateOutput(truths[i]),
                    new String[]{LookupSegmentationModel.ID_FEATURE, "000"}, new double[]{i + 1, 0.5}));
        }
        return data;
    }

    /**
     * Image 1: truth 1100, predicted 1010 (p .9 .4 .6 .1): TP 1, FP 1, FN 1, TN 1.
     * Image 2: truth 1000, predicted 1000 (p .8 .2 .3 0): TP 1, TN 3.
     */
    private SegmentationEvaluation evaluateTwoImages() {
        MutableDataset<SegmentationMask> data = dataset("2x2:1100", "2x2:1000");
        LookupSegmentationModel model = new LookupSegmentationModel(data, Map.of(
                1, factory.generateOutput("2x2:1010;p=0.9,0.4,0.6,0.1"),
                2, factory.generateOutput("2x2:1000;p=0.8,0.2,0.3,0.0")));
        return factory.getEvaluator().evaluate(model, data);
    }

    @Test
    void evaluatesHandMadePredictionsToKnownValues() {
        SegmentationEvaluation e = evaluateTwoImages();
        assertEquals(2, e.truePositives());
        assertEquals(1, e.falsePositives());
        assertEquals(1, e.falseNegatives());
        assertEquals(4, e.trueNegatives());
        assertEquals(0.5, e.iou(), 1e-15);
        assertEquals(2.0 / 3.0, e.dice(), 1e-15);
        assertEquals(2.0 / 3.0, e.backgroundIou(), 1e-15);
        assertEquals(7.0 / 12.0, e.meanIou(), 1e-15);
        assertEquals(0.75, e.pixelAccuracy(), 1e-15);
        assertEquals(2.0 / 3.0, e.meanPerImageIou(), 1e-15);
        assertEquals(0.75, e.meanPerImageDice(), 1e-15);
        // Σ y·p = .9 + .4 + .8, Σ y = 3, Σ p = 3.3 (float probabilities: tolerance 1e-6)
        assertEquals((2.1 + EPS) / (3.0 + 3.3 - 2.1 + EPS), e.softIou(), 1e-6);
        assertEquals(2, e.getPredictions().size());
        assertEquals(2, e.getScores().images());
    }

    @Test
    void metricMapHoldsClassTargetsAndMacroAverage() {
        SegmentationEvaluation e = evaluateTwoImages();
        Map<MetricID<SegmentationMask>, Double> map = e.asMap();
        assertEquals(SegmentationMetrics.values().length + 2, map.size());
        MetricTarget<SegmentationMask> background = new MetricTarget<>(SegmentationFactory.BACKGROUND_CLASS);
        MetricTarget<SegmentationMask> macro = new MetricTarget<>(EvaluationMetric.Average.MACRO);
        assertEquals(2.0 / 3.0, map.get(new MetricID<>(background, "IOU")), 1e-15);
        assertEquals(7.0 / 12.0, map.get(new MetricID<>(macro, "IOU")), 1e-15);
        assertEquals(0.5, e.get(SegmentationMetrics.IOU.asMetric().getID()), 1e-15);
        assertTrue(e.toString().contains("IoU=0.5000"), e.toString());
        assertTrue(e.toString().contains("meanIoU=0.5833"), e.toString());
        assertTrue(e.getProvenance().toString().contains("LookupSegmentationModel"));
    }

    @Test
    void hardMetricsUseThePredictedMaskNotThresholdedProbabilities() {
        MutableDataset<SegmentationMask> data = dataset("1x2:11");
        // the model decided "foreground" although its probabilities are low
        LookupSegmentationModel model = new LookupSegmentationModel(data,
                Map.of(1, factory.generateOutput("1x2:11;p=0.1,0.3")));
        SegmentationEvaluation e = new SegmentationEvaluator().evaluate(model, data);
        assertEquals(1.0, e.iou(), 0.0);
        assertEquals((0.4 + EPS) / (2.0 + 0.4 - 0.4 + EPS), e.softIou(), 1e-6);
    }

    @Test
    void predictionsWithoutProbabilitiesGiveNaNSoftIou() {
        MutableDataset<SegmentationMask> data = dataset("1x2:10", "1x2:00");
        LookupSegmentationModel model = new LookupSegmentationModel(data, Map.of(
                1, factory.generateOutput("1x2:10"), 2, factory.generateOutput("1x2:00")));
        SegmentationEvaluation e = new SegmentationEvaluator().evaluate(model, data);
        assertTrue(Double.isNaN(e.softIou()));
        assertEquals(1.0, e.iou(), 0.0);
        assertEquals(1.0, e.meanPerImageIou(), 0.0, "empty truth and empty prediction score 1");
    }

    @Test
    void evaluatesAPredictionListDirectly() {
        MutableDataset<SegmentationMask> data = dataset("2x2:1100", "2x2:1000");
        LookupSegmentationModel model = new LookupSegmentationModel(data, Map.of(
                1, factory.generateOutput("2x2:1010;p=0.9,0.4,0.6,0.1"),
                2, factory.generateOutput("2x2:1000;p=0.8,0.2,0.3,0.0")));
        List<Prediction<SegmentationMask>> predictions = model.predict(data);
        SegmentationEvaluation e = new SegmentationEvaluator().evaluate(model, predictions, data.getProvenance());
        assertEquals(0.5, e.iou(), 1e-15);
        assertEquals(evaluateTwoImages().asMap(), e.asMap());
    }

    @Test
    void sizeMismatchAndUnknownTruthAreRejected() {
        MutableDataset<SegmentationMask> data = dataset("2x2:1100");
        LookupSegmentationModel model = new LookupSegmentationModel(data,
                Map.of(1, factory.generateOutput("1x4:1100")));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new SegmentationEvaluator().evaluate(model, data));
        assertTrue(size.getMessage().contains("Prediction 0: predicted mask is 1x4 but the truth mask is 2x2"),
                size.getMessage());

        Example<SegmentationMask> unlabelled = new ArrayExample<>(factory.getUnknownOutput(),
                new String[]{LookupSegmentationModel.ID_FEATURE}, new double[]{1});
        List<Prediction<SegmentationMask>> predictions = new ArrayList<>();
        predictions.add(new Prediction<>(factory.generateOutput("2x2:1100"), 1, unlabelled));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new SegmentationEvaluator().evaluate(model, predictions, data.getProvenance()));
        assertTrue(unknown.getMessage().contains("unknown mask"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SegmentationEvaluator().evaluate(model, new ArrayList<>(), data.getProvenance()));
    }

    @Test
    void modelMetadataWithSegmentationInfoRoundTripsThroughProto() {
        // A Tribuo Model's proto form stores its metadata through ModelDataCarrier, which serializes the
        // output info; this is the part of model serialization that depends on this package.
        MutableDataset<SegmentationMask> data = dataset("2x2:1100", "2x2:1000");
        LookupSegmentationModel model = new LookupSegmentationModel(data, Map.of());
        ModelDataCarrier<SegmentationMask> carrier = new ModelDataCarrier<>(model.getName(), model.getProvenance(),
                model.getFeatureIDMap(), model.getOutputIDInfo(), model.generatesProbabilities(), Tribuo.VERSION);
        ModelDataCarrier<?> back = ModelDataCarrier.deserialize(carrier.serialize());
        assertEquals(carrier, back);
        assertEquals(model.getOutputIDInfo(), back.outputDomain());
    }

    @Test
    void metricsRejectTargetsTheyDoNotDefine() {
        MetricTarget<SegmentationMask> background = new MetricTarget<>(SegmentationFactory.BACKGROUND_CLASS);
        MetricTarget<SegmentationMask> micro = new MetricTarget<>(EvaluationMetric.Average.MICRO);
        IllegalArgumentException dice = assertThrows(IllegalArgumentException.class,
                () -> SegmentationMetrics.DICE.forTarget(background));
        assertTrue(dice.getMessage().contains("DICE"), dice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.IOU.forTarget(micro));
        assertEquals("IOU", SegmentationMetrics.IOU.forTarget(background).getName());
    }
}
