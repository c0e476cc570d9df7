package org.hybridqml.tribuo.multilabel.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-label CSV through Tribuo's own {@link CSVLoader}: label columns must hold true/false, because
 * {@code MultiLabel.parseElement} reads each {@code column=value} with {@code Boolean.parseBoolean}.
 */
class CsvMultiLabelRouteTest {

    @TempDir
    Path dir;

    private MutableDataset<MultiLabel> load(String name, List<String> lines) throws IOException {
        Path csv = dir.resolve(name);
        Files.write(csv, lines);
        return new CSVLoader<>(new MultiLabelFactory()).load(csv, Set.of("sunny", "windy"));
    }

    @Test
    void trueFalseLabelColumnsGiveTheRelevantLabels() throws IOException {
        MutableDataset<MultiLabel> data = load("tf.csv",
                List.of("temp,humidity,sunny,windy", "21.5,0.3,true,false", "12,0.8,false,true", "15,0.5,true,true",
                        "9,0.9,false,false"));
        assertEquals(4, data.size());
        assertEquals(Set.of("sunny"), data.getExample(0).getOutput().getNameSet());
        assertEquals(Set.of("windy"), data.getExample(1).getOutput().getNameSet());
        assertEquals(Set.of("sunny", "windy"), data.getExample(2).getOutput().getNameSet());
        assertTrue(data.getExample(3).getOutput().getLabelSet().isEmpty());
        assertEquals(2, data.getFeatureMap().size(), "the label columns are not features");
    }

    @Test
    void zeroOneLabelColumnsSilentlyLoseEveryLabel() throws IOException {
        // The pitfall: "sunny=1" parses as false, so the relevant labels vanish without an error.
        MutableDataset<MultiLabel> data = load("01.csv",
                List.of("temp,humidity,sunny,windy", "21.5,0.3,1,0", "12,0.8,0,1", "15,0.5,1,1"));
        for (int i = 0; i < data.size(); i++) {
            assertTrue(data.getExample(i).getOutput().getLabelSet().isEmpty(), "row " + i);
        }
    }
}
