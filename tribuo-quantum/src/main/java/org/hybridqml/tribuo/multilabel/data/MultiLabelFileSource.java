package org.hybridqml.tribuo.multilabel.data;

import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import org.hybridqml.data.MultiLabelData;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * What the file-based multi-label data sources share once a file is read: the examples, feature and label names,
 * the output factory and iteration. Subclasses hold their {@code @Config} file paths and provenance.
 */
abstract class MultiLabelFileSource implements ConfigurableDataSource<MultiLabel> {

    private static final MultiLabelFactory FACTORY = new MultiLabelFactory();

    private List<Example<MultiLabel>> examples;
    private List<String> featureNames;
    private List<String> labelNames;

    /** Keeps the contents of a read file as Tribuo examples. */
    void load(MultiLabelData data) {
        featureNames = data.featureNames();
        labelNames = data.labelNames();
        examples = Collections.unmodifiableList(MultiLabelExamples.toExamples(data));
    }

    /** @return the number of examples read */
    public int size() {
        return examples.size();
    }

    /** @return every feature name in file order, including features that are zero in every example */
    public List<String> getFeatureNames() {
        return featureNames;
    }

    /** @return the label names (Mulan: the XML file's order; MEKA: the label attributes' order) */
    public List<String> getLabelNames() {
        return labelNames;
    }

    @Override
    public OutputFactory<MultiLabel> getOutputFactory() {
        return FACTORY;
    }

    @Override
    public Iterator<Example<MultiLabel>> iterator() {
        return examples.iterator();
    }

    /** ",examples=…,features=…,labels=…)" for the subclasses' toString. */
    String contentsSummary() {
        return ",examples=" + examples.size() + ",features=" + featureNames.size() + ",labels=" + labelNames.size()
                + ")";
    }

    static DateTimeProvenance modifiedTime(String key, Path file) {
        return new DateTimeProvenance(key, OffsetDateTime.ofInstant(Instant.ofEpochMilli(file.toFile().lastModified()),
                ZoneId.systemDefault()));
    }
}
