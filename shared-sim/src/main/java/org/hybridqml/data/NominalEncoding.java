package org.hybridqml.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One-hot encoding of nominal input attributes, the one rule every adapter uses so that a nominal value is never
 * read as the index of its value: a numeric attribute stays one column; a nominal attribute with k values becomes
 * k indicator columns named {@code name=value}, in the attribute's value order, exactly one of which is 1. A
 * missing nominal value (NaN) makes all of its columns NaN, so the caller's missing-value handling sees it.
 *
 * <p>Built from each attribute's name and nominal values ({@code null} for numeric attributes), e.g. from an
 * {@link ArffTable} or from a Weka header; the encoding is kept with a trained model so prediction encodes the
 * same way.
 */
public final class NominalEncoding implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final List<List<String>> values;
    private final int[] offset;
    private final List<String> encodedNames;

    private NominalEncoding(List<String> names, List<List<String>> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(names.size() + " attribute names but " + values.size()
                    + " value lists");
        }
        this.names = List.copyOf(names);
        List<List<String>> v = new ArrayList<>();
        this.offset = new int[names.size() + 1];
        List<String> enc = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            List<String> vals = values.get(a);
            offset[a] = enc.size();
            if (vals == null) {
                v.add(null);
                enc.add(names.get(a));
            } else {
                if (vals.isEmpty()) {
                    throw new IllegalArgumentException("Nominal attribute '" + names.get(a) + "' declares no values");
                }
                v.add(List.copyOf(vals));
                for (String s : vals) {
                    enc.add(names.get(a) + "=" + s);
                }
            }
        }
        offset[names.size()] = enc.size();
        this.values = java.util.Collections.unmodifiableList(v);
        this.encodedNames = List.copyOf(enc);
    }

    /**
     * The encoding of a list of attributes.
     *
     * @param names         attribute names
     * @param nominalValues per attribute, its nominal values in order, or {@code null} for a numeric attribute
     * @return the encoding
     */
    public static NominalEncoding of(List<String> names, List<List<String>> nominalValues) {
        return new NominalEncoding(names, nominalValues);
    }

    /** @return the number of source attributes */
    public int numAttributes() {
        return names.size();
    }

    /** @return the number of encoded columns */
    public int width() {
        return encodedNames.size();
    }

    /** @return whether any attribute is nominal (otherwise encoding is the identity) */
    public boolean hasNominal() {
        return values.stream().anyMatch(java.util.Objects::nonNull);
    }

    /** @return the encoded column names: numeric attributes by name, nominal ones as {@code name=value} */
    public List<String> encodedNames() {
        return encodedNames;
    }

    /**
     * Encodes one row.
     *
     * @param raw one value per attribute: numeric values as they are, nominal values as the index of the value
     *            (the way ARFF readers and Weka store them), NaN for missing
     * @return {@link #width()} values
     * @throws IllegalArgumentException if the row has another length, or a nominal index is not one of the
     *                                  attribute's values (the attribute, the index and the value count named)
     */
    public double[] encode(double[] raw) {
        if (raw == null || raw.length != names.size()) {
            throw new IllegalArgumentException("Expected " + names.size() + " attribute values, got "
                    + (raw == null ? "null" : raw.length));
        }
        double[] out = new double[width()];
        for (int a = 0; a < raw.length; a++) {
            List<String> vals = values.get(a);
            if (vals == null) {
                out[offset[a]] = raw[a];
                continue;
            }
            if (Double.isNaN(raw[a])) {
                java.util.Arrays.fill(out, offset[a], offset[a + 1], Double.NaN);
                continue;
            }
            int k = (int) raw[a];
            if (k != raw[a] || k < 0 || k >= vals.size()) {
                throw new IllegalArgumentException("Nominal attribute '" + names.get(a) + "' has " + vals.size()
                        + " values " + vals + ", got value index " + raw[a]);
            }
            out[offset[a] + k] = 1.0;
        }
        return out;
    }

    @Override
    public String toString() {
        return "NominalEncoding(" + names.size() + " attributes -> " + width() + " columns)";
    }
}
