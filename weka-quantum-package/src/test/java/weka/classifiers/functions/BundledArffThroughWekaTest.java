package weka.classifiers.functions;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.MultiLabelData;
import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bundled Mulan ARFF reads identically through Weka's loader and the core's reader. */
class BundledArffThroughWekaTest {

    @Test
    void emotionsTrainReadsTheSameInWekaAndInTheCore() throws Exception {
        var dir = BundledDatasets.resolve("mulan-multilabel", "emotions");
        Instances weka = DataSource.read(dir.resolve("emotions-train.arff").toString());
        MultiLabelData core = MultiLabelData.readMulan(dir.resolve("emotions-train.arff"), dir.resolve("emotions.xml"));
        assertEquals(391, weka.numInstances());
        assertEquals(78, weka.numAttributes());
        for (int r = 0; r < weka.numInstances(); r += 37) {
            for (int f = 0; f < 72; f++) {
                assertEquals(weka.instance(r).value(f), core.features()[r][f], 0.0);
            }
            for (int l = 0; l < 6; l++) {
                assertEquals(weka.instance(r).value(72 + l), core.labels()[r][l], 0.0);
            }
        }
    }
}
