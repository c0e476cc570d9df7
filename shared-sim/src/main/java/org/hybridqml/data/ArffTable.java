package org.hybridqml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A minimal ARFF reader: numeric/real/integer attributes and nominal attributes. A nominal value is stored in
 * {@link #rows()} as the index of the value in its declared list (as Weka does), which is not a number to compute
 * with: consumers map it through {@link #nominalValues()} (labels, see {@link MultiLabelData}) or one-hot encode it
 * ({@link NominalEncoding}). Dense and sparse ({@code {i v, ...}}) rows.
 *
 * <p>This exists so the engine-neutral core can read the multi-label benchmark files without Weka.
 * String, date and relational attributes are rejected; missing values ({@code ?}) are rejected with the row
 * and attribute named.
 *
 * @param relation       the {@code @relation} name (MEKA puts its {@code -C n} option here)
 * @param attributeNames attribute names in file order
 * @param nominalValues  for each attribute, its nominal values, or {@code null} for numeric attributes
 * @param rows           the data, one {@code double[]} per row (nominal values as the index of the value)
 */
public record ArffTable(String relation, List<String> attributeNames, List<List<String>> nominalValues,
                        List<double[]> rows) {

    /**
     * Reads an ARFF file.
     *
     * @param file the file
     * @return the table
     * @throws IOException on a missing file or any unsupported or malformed content (with the line number)
     */
    public static ArffTable read(Path file) throws IOException {
        String relation = null;
        List<String> names = new ArrayList<>();
        List<List<String>> nominal = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        boolean inData = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("%")) {
                    continue;
                }
                if (!inData) {
                    String lower = t.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("@relation")) {
                        relation = unquote(t.substring(9).trim());
                    } else if (lower.startsWith("@attribute")) {
                        String rest = t.substring(10).trim();
                        String[] nameAndType = splitName(rest, file, lineNo);
                        if (names.contains(nameAndType[0])) {
                            throw new IOException(file + ":" + lineNo + ": duplicate attribute name '"
                                    + nameAndType[0] + "'");
                        }
                        names.add(nameAndType[0]);
                        String type = nameAndType[1].trim();
                        if (type.startsWith("{")) {
                            int end = type.lastIndexOf('}');
                            if (end < 0) {
                                throw new IOException(file + ":" + lineNo + ": unterminated nominal value list");
                            }
                            List<String> values = new ArrayList<>();
                            for (String v : splitOutsideQuotes(type.substring(1, end), file, lineNo)) {
                                values.add(unquote(v.trim()));
                            }
                            nominal.add(List.copyOf(values));
                        } else {
                            String lt = type.toLowerCase(Locale.ROOT);
                            if (!(lt.equals("numeric") || lt.equals("real") || lt.equals("integer"))) {
                                throw new IOException(file + ":" + lineNo + ": unsupported attribute type '" + type
                                        + "' for attribute '" + nameAndType[0] + "' (only numeric and nominal)");
                            }
                            nominal.add(null);
                        }
                    } else if (lower.startsWith("@data")) {
                        inData = true;
                    } else {
                        throw new IOException(file + ":" + lineNo + ": unexpected header line: " + t);
                    }
                } else {
                    rows.add(parseRow(t, names, nominal, file, lineNo));
                }
            }
        } catch (IOException | RuntimeException e) {
            // e.g. a MalformedInputException for a file that is not UTF-8 text, which names nothing
            throw FileErrors.naming("ARFF file", file, e);
        }
        if (relation == null || !inData) {
            throw new IOException("Not an ARFF file (no @relation or @data section): " + file);
        }
        return new ArffTable(relation, List.copyOf(names), nominal, rows);
    }

    private static double[] parseRow(String t, List<String> names, List<List<String>> nominal, Path file,
                                     int lineNo) throws IOException {
        int n = names.size();
        double[] row = new double[n];
        if (t.startsWith("{")) {
            // Sparse row: absent attributes are 0 (the first nominal value for nominal attributes).
            if (!t.endsWith("}")) {
                throw new IOException(file + ":" + lineNo + ": sparse row does not end with '}'"
                        + " (instance weights are not supported)");
            }
            String body = t.substring(1, t.length() - 1).trim();
            if (!body.isEmpty()) {
                for (String entry : splitOutsideQuotes(body, file, lineNo)) {
                    String[] kv = entry.trim().split("\\s+", 2);
                    int idx;
                    try {
                        idx = Integer.parseInt(kv[0]);
                    } catch (NumberFormatException e) {
                        idx = -1;
                    }
                    if (idx < 0 || idx >= n || kv.length < 2) {
                        throw new IOException(file + ":" + lineNo + ": bad sparse entry '" + entry.trim()
                                + "' (expected '<index 0.." + (n - 1) + "> <value>')");
                    }
                    row[idx] = parseValue(kv[1].trim(), idx, names, nominal, file, lineNo);
                }
            }
        } else {
            List<String> parts = splitOutsideQuotes(t, file, lineNo);
            if (parts.size() != n) {
                throw new IOException(file + ":" + lineNo + ": row has " + parts.size() + " values, header declares "
                        + n + " attributes");
            }
            for (int i = 0; i < n; i++) {
                row[i] = parseValue(parts.get(i).trim(), i, names, nominal, file, lineNo);
            }
        }
        return row;
    }

    /**
     * Splits on commas that are not inside single or double quotes; a backslash escapes the next character
     * inside quotes (ARFF's quoting rules). Quotes are kept, so callers unquote each piece.
     */
    private static List<String> splitOutsideQuotes(String s, Path file, int lineNo) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IOException(file + ":" + lineNo + ": unterminated " + quote + "-quoted value");
        }
        out.add(cur.toString());
        return out;
    }

    private static double parseValue(String v, int idx, List<String> names, List<List<String>> nominal, Path file,
                                     int lineNo) throws IOException {
        if (v.equals("?")) {
            throw new IOException(file + ":" + lineNo + ": missing value for attribute '" + names.get(idx) + "'");
        }
        List<String> values = nominal.get(idx);
        if (values != null) {
            int k = values.indexOf(unquote(v));
            if (k < 0) {
                throw new IOException(file + ":" + lineNo + ": value '" + v + "' is not one of " + values
                        + " for attribute '" + names.get(idx) + "'");
            }
            return k;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new IOException(file + ":" + lineNo + ": non-finite value for attribute '" + names.get(idx) + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": '" + v + "' is not a number for attribute '"
                    + names.get(idx) + "'");
        }
    }

    private static String[] splitName(String rest, Path file, int lineNo) throws IOException {
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            char q = rest.charAt(0);
            int end = 1;
            while (end < rest.length() && rest.charAt(end) != q) {
                end += rest.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= rest.length()) {
                throw new IOException(file + ":" + lineNo + ": unterminated quoted attribute name");
            }
            return new String[]{unquote(rest.substring(0, end + 1)), rest.substring(end + 1)};
        }
        // The type starts at the first blank or at a '{' glued to the name ("label{0,1}").
        int cut = 0;
        while (cut < rest.length() && !Character.isWhitespace(rest.charAt(cut)) && rest.charAt(cut) != '{') {
            cut++;
        }
        if (cut == 0 || cut == rest.length() || rest.substring(cut).isBlank()) {
            throw new IOException(file + ":" + lineNo + ": attribute without a type");
        }
        return new String[]{rest.substring(0, cut), rest.substring(cut)};
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            String body = s.substring(1, s.length() - 1);
            StringBuilder b = new StringBuilder(body.length());
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    c = body.charAt(++i);
                }
                b.append(c);
            }
            return b.toString();
        }
        return s;
    }

    /** @return number of rows */
    public int numRows() {
        return rows.size();
    }

    /** @return number of attributes */
    public int numAttributes() {
        return attributeNames.size();
    }

    @Override
    public String toString() {
        return "ArffTable(" + relation + ", " + rows.size() + " rows x " + attributeNames.size() + " attributes)";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ArffTable)) {
            return false;
        }
        ArffTable a = (ArffTable) o;
        if (!relation.equals(a.relation) || !attributeNames.equals(a.attributeNames)
                || rows.size() != a.rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!Arrays.equals(rows.get(i), a.rows.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return relation.hashCode() * 31 + attributeNames.hashCode() * 17 + rows.size();
    }
}
