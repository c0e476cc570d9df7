package org.hybridqml.tribuo.multilabel.data;

import org.hybridqml.data.MultiLabelData;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Converts the core's {@link MultiLabelData} into Tribuo examples; shared by both data sources. */
final class MultiLabelExamples {

    private MultiLabelExamples() {
    }

    /**
     * One example per row: the non-zero features (Tribuo is sparse) and the MultiLabel of the relevant labels,
     * empty when no label is relevant. A row whose features are all zero keeps them as explicit zeros, because
     * Tribuo's datasets reject an example without features.
     */
    static List<Example<MultiLabel>> toExamples(MultiLabelData data) {
        List<String> featureNames = data.featureNames();
        List<String> labelNames = data.labelNames();
        List<Example<MultiLabel>> out = new ArrayList<>(data.size());
        List<Feature> buffer = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Set<Label> relevant = new HashSet<>();
            int[] y = data.labels()[i];
            for (int l = 0; l < y.length; l++) {
                if (y[l] == 1) {
                    relevant.add(new Label(labelNames.get(l)));
                }
            }
            buffer.clear();
            double[] x = data.features()[i];
            for (int f = 0; f < x.length; f++) {
                if (x[f] != 0.0) {
                    buffer.add(new Feature(featureNames.get(f), x[f]));
                }
            }
            if (buffer.isEmpty()) {
                // Tribuo rejects an example without features, so an all-zero row keeps its zeros explicitly
                // (every Tribuo model reads an explicit zero like an absent feature).
                for (String name : featureNames) {
                    buffer.add(new Feature(name, 0.0));
                }
            }
            ArrayExample<MultiLabel> example = new ArrayExample<>(new MultiLabel(relevant));
            example.addAll(buffer);
            out.add(example);
        }
        return out;
    }
}
