package org.hybridqml.data;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multi-label data set: a dense feature matrix and a binary label matrix.
 *
 * <p>Label order: for Mulan files, the order of the labels XML (which may differ from the ARFF's attribute order,
 * as in yeast); for MEKA files, the order of the label attributes in the ARFF. Features keep the ARFF order with
 * the label attributes removed. Nominal label attributes must have the values {@code 0} and {@code 1} (in any
 * order); the value {@code "1"} means relevant. Nominal feature attributes are one-hot encoded by
 * {@link NominalEncoding}: an attribute {@code colour {red,green,blue}} becomes the three 0/1 features
 * {@code colour=red}, {@code colour=green}, {@code colour=blue}; a nominal value is never read as its index.
 *
 * @param featureNames feature names
 * @param labelNames   label names
 * @param features     one row of features per example
 * @param labels       one row of 0/1 labels per example
 */
public record MultiLabelData(List<String> featureNames, List<String> labelNames, double[][] features,
                             int[][] labels) {

    private static final Pattern MEKA_LABEL_COUNT = Pattern.compile("-C\\s+(-?\\d+)");

    /** @return number of examples */
    public int size() {
        return features.length;
    }

    /** @return number of features */
    public int numFeatures() {
        return featureNames.size();
    }

    /** @return number of labels */
    public int numLabels() {
        return labelNames.size();
    }

    /**
     * Reads a Mulan data set: an ARFF file plus the XML file naming its label attributes.
     *
     * @param arff the ARFF file
     * @param xml  the Mulan labels XML ({@code <labels><label name="..."/>...</labels>})
     * @return the data
     * @throws IOException if a file is missing, a label named in the XML is not in the ARFF, or a label is not binary
     */
    public static MultiLabelData readMulan(Path arff, Path xml) throws IOException {
        List<String> labelNames = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A label file never needs a DTD; refusing one also rules out external-entity tricks.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var doc = factory.newDocumentBuilder().parse(xml.toFile());
            NodeList nodes = doc.getElementsByTagNameNS("*", "label");
            if (nodes.getLength() == 0) {
                nodes = doc.getElementsByTagName("label");
            }
            for (int i = 0; i < nodes.getLength(); i++) {
                String name = ((Element) nodes.item(i)).getAttribute("name");
                if (labelNames.contains(name)) {
                    throw new IOException("Mulan label XML " + xml + " names label '" + name + "' twice");
                }
                labelNames.add(name);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot parse Mulan label XML " + xml + ": " + e.getMessage(), e);
        }
        if (labelNames.isEmpty()) {
            throw new IOException("Mulan label XML names no labels: " + xml);
        }
        ArffTable table = ArffTable.read(arff);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < table.numAttributes(); i++) {
            index.put(table.attributeNames().get(i), i);
        }
        int[] labelCols = new int[labelNames.size()];
        for (int l = 0; l < labelCols.length; l++) {
            Integer col = index.get(labelNames.get(l));
            if (col == null) {
                throw new IOException("Label '" + labelNames.get(l) + "' from " + xml + " is not an attribute of " + arff);
            }
            labelCols[l] = col;
        }
        return split(table, labelCols, arff);
    }

    /**
     * Reads a MEKA ARFF file, whose relation name carries {@code -C L} (first L attributes are labels) or
     * {@code -C -L} (last L attributes are labels).
     *
     * @param arff the file
     * @return the data
     * @throws IOException if the relation has no {@code -C} option, or a label is not binary
     */
    public static MultiLabelData readMeka(Path arff) throws IOException {
        ArffTable table = ArffTable.read(arff);
        Matcher m = MEKA_LABEL_COUNT.matcher(table.relation());
        if (!m.find()) {
            throw new IOException("MEKA ARFF relation '" + table.relation() + "' has no '-C <labels>' option: " + arff);
        }
        int c = Integer.parseInt(m.group(1));
        int numLabels = Math.abs(c);
        if (numLabels == 0 || numLabels >= table.numAttributes()) {
            throw new IOException("MEKA label count " + c + " does not fit " + table.numAttributes()
                    + " attributes: " + arff);
        }
        int[] labelCols = new int[numLabels];
        for (int l = 0; l < numLabels; l++) {
            labelCols[l] = c > 0 ? l : table.numAttributes() - numLabels + l;
        }
        return split(table, labelCols, arff);
    }

    private static MultiLabelData split(ArffTable table, int[] labelCols, Path source) throws IOException {
        boolean[] isLabel = new boolean[table.numAttributes()];
        List<String> labelNames = new ArrayList<>();
        for (int col : labelCols) {
            isLabel[col] = true;
            labelNames.add(table.attributeNames().get(col));
        }
        List<String> sourceNames = new ArrayList<>();
        List<List<String>> sourceValues = new ArrayList<>();
        for (int i = 0; i < isLabel.length; i++) {
            if (!isLabel[i]) {
                sourceNames.add(table.attributeNames().get(i));
                sourceValues.add(table.nominalValues().get(i));
            }
        }
        // Nominal features are one-hot encoded (name=value columns), never read as the index of their value.
        NominalEncoding encoding = NominalEncoding.of(sourceNames, sourceValues);
        List<String> featureNames = encoding.encodedNames();
        // A nominal label's stored value is the index of its nominal value, so {1,0} would silently invert the
        // label if the index were used; map each index through its value string instead.
        int[][] nominalToBit = new int[labelCols.length][];
        for (int l = 0; l < labelCols.length; l++) {
            List<String> values = table.nominalValues().get(labelCols[l]);
            if (values != null) {
                nominalToBit[l] = new int[values.size()];
                for (int k = 0; k < values.size(); k++) {
                    String v = values.get(k).trim();
                    if (!v.equals("0") && !v.equals("1")) {
                        throw new IOException("Label '" + labelNames.get(l) + "' is nominal " + values
                                + ", expected binary {0,1}: " + source);
                    }
                    nominalToBit[l][k] = v.equals("1") ? 1 : 0;
                }
            }
        }
        int n = table.numRows();
        double[][] x = new double[n][];
        int[][] y = new int[n][labelCols.length];
        double[] raw = new double[sourceNames.size()];
        for (int r = 0; r < n; r++) {
            double[] row = table.rows().get(r);
            int f = 0;
            for (int i = 0; i < row.length; i++) {
                if (!isLabel[i]) {
                    raw[f++] = row[i];
                }
            }
            x[r] = encoding.encode(raw);
            for (int l = 0; l < labelCols.length; l++) {
                double v = row[labelCols[l]];
                if (nominalToBit[l] != null) {
                    y[r][l] = nominalToBit[l][(int) v];
                    continue;
                }
                if (v != 0.0 && v != 1.0) {
                    throw new IOException("Label '" + labelNames.get(l) + "' has non-binary value " + v + " in row "
                            + (r + 1) + " of " + source);
                }
                y[r][l] = (int) v;
            }
        }
        return new MultiLabelData(List.copyOf(featureNames), List.copyOf(labelNames), x, y);
    }
}
