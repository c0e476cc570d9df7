package org.hybridqml.data;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a header-less, all-numeric CSV file (optionally gzip-compressed) into a matrix, with OpenCSV.
 */
public final class CsvMatrix {

    private CsvMatrix() {
    }

    /**
     * Reads the file.
     *
     * @param file a {@code .csv} or {@code .csv.gz} file
     * @return one row per line
     * @throws IOException on a missing, unreadable or corrupt (gzip) file, ragged rows or a non-numeric or
     *                     non-finite cell; the message names the file (and the line and column)
     */
    public static double[][] read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             CSVReader reader = new CSVReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] cells;
            int line = 0;
            while ((cells = reader.readNext()) != null) {
                line++;
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (!rows.isEmpty() && cells.length != rows.get(0).length) {
                    throw new IOException(file + ":" + line + ": " + cells.length + " columns, expected "
                            + rows.get(0).length);
                }
                double[] row = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    try {
                        row[i] = Double.parseDouble(cells[i].trim());
                        if (!Double.isFinite(row[i])) {
                            throw new NumberFormatException("non-finite");
                        }
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + line + ": column " + (i + 1) + " is not a finite number: '"
                                + cells[i] + "'");
                    }
                }
                rows.add(row);
            }
        } catch (CsvValidationException e) {
            throw new IOException("Malformed CSV " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw FileErrors.naming("CSV file", file, e);
        }
        return rows.toArray(new double[0][]);
    }
}
