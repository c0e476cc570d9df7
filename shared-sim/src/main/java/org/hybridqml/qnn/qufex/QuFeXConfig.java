package org.hybridqml.qnn.qufex;

import java.io.Serializable;
import java.util.Locale;

/**
 * A QuFeX bottleneck configuration (Jain &amp; Kalev, arXiv:2501.13165, Sec. II.B; authors' code
 * {@code Jain-Naman/QuNet-Ph2/models/qunet_*.py}): non-overlapping
 * {@code patchHeight × patchWidth} patches of groups of {@code mapsPerGroup} consecutive feature maps, each patch
 * encoded on n = patchHeight·patchWidth·mapsPerGroup qubits, with 1 or 2 filters (PQC1, and PQC2 for the second).
 *
 * <p>Named presets follow the paper's "qubits-filters[-maps]" naming: {@link #of(String)} accepts
 * "4-1", "4-2", "6-1", "6-2", "8-1-2", "8-2-2", "12-1", "12-2", "12-1-3", "6-1-2"-style names with the patch shapes of
 * the authors' code (4 qubits: 2×2, 6: 3×2, 8 with 2 maps: 2×2, 12: 3×4, 12 with 3 maps: 2×2, 12 with 2 maps: 3×2).
 *
 * @param patchHeight  patch rows
 * @param patchWidth   patch columns
 * @param mapsPerGroup feature maps mixed in one circuit (m)
 * @param filters      1 (PQC1) or 2 (PQC1 + PQC2)
 */
public record QuFeXConfig(int patchHeight, int patchWidth, int mapsPerGroup, int filters) implements Serializable {

    /**
     * Validates the configuration on its own.
     *
     * @param patchHeight  patch rows, &ge; 1
     * @param patchWidth   patch columns, &ge; 1
     * @param mapsPerGroup maps per group, &ge; 1
     * @param filters      1 or 2
     */
    public QuFeXConfig {
        if (patchHeight < 1 || patchWidth < 1 || mapsPerGroup < 1) {
            throw new IllegalArgumentException("QuFeX patch sizes and maps per group must be >= 1, got " + patchHeight
                    + "x" + patchWidth + " with " + mapsPerGroup + " map(s)");
        }
        if (filters != 1 && filters != 2) {
            throw new IllegalArgumentException("QuFeX supports 1 or 2 filters, got " + filters);
        }
        int n = patchHeight * patchWidth * mapsPerGroup;
        if (n < 2 || n > 24 || n % 2 != 0) {
            throw new IllegalArgumentException("QuFeX needs an even qubit count in 2..24: patch " + patchHeight + "x"
                    + patchWidth + " x " + mapsPerGroup + " map(s) = " + n + " qubits");
        }
    }

    /** @return qubits per circuit, n = patchHeight·patchWidth·mapsPerGroup */
    public int qubits() {
        return patchHeight * patchWidth * mapsPerGroup;
    }

    /** @return trainable parameters (4 per filter) */
    public int numParameters() {
        return 4 * filters;
    }

    /**
     * Output channels for a bottleneck with {@code channels} maps: one residual block per filter, concatenated.
     *
     * @param channels input channels
     * @return filters·channels
     */
    public int outputChannels(int channels) {
        return filters * channels;
    }

    /**
     * Checks that this configuration fits a bottleneck of the given shape.
     *
     * @param channels bottleneck channels C
     * @param height   bottleneck height H
     * @param width    bottleneck width W
     * @throws IllegalArgumentException naming which condition fails
     */
    public void checkFits(int channels, int height, int width) {
        if (channels % mapsPerGroup != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "QuFeX %s: %d bottleneck channels are not divisible into groups of %d maps", name(), channels,
                    mapsPerGroup));
        }
        if (height % patchHeight != 0 || width % patchWidth != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "QuFeX %s: %dx%d patches do not tile the %dx%d bottleneck", name(), patchHeight, patchWidth,
                    height, width));
        }
    }

    /** @return the paper-style name "qubits-filters[-maps]" */
    public String name() {
        return qubits() + "-" + filters + (mapsPerGroup > 1 ? "-" + mapsPerGroup : "");
    }

    /**
     * Parses a paper-style name such as "12-2" or "8-1-2" into the authors' patch shapes.
     *
     * @param name "qubits-filters" or "qubits-filters-maps"
     * @return the configuration
     * @throws IllegalArgumentException for names without a known patch shape
     */
    public static QuFeXConfig of(String name) {
        String[] parts = name.trim().split("-");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("QuFeX name must be 'qubits-filters[-maps]', got '" + name + "'");
        }
        int qubits;
        int filters;
        int maps;
        try {
            qubits = Integer.parseInt(parts[0]);
            filters = Integer.parseInt(parts[1]);
            maps = parts.length == 3 ? Integer.parseInt(parts[2]) : 1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("QuFeX name must be 'qubits-filters[-maps]', got '" + name + "'");
        }
        if (maps < 1 || qubits % maps != 0) {
            throw new IllegalArgumentException("QuFeX " + name + ": " + qubits + " qubits cannot hold groups of " + maps
                    + " maps");
        }
        int pixels = qubits / maps;
        int[] shape;
        switch (pixels) {
            case 2:
                shape = new int[]{1, 2};
                break;
            case 4:
                shape = new int[]{2, 2};
                break;
            case 6:
                shape = new int[]{3, 2};
                break;
            case 8:
                shape = new int[]{2, 4};
                break;
            case 12:
                shape = new int[]{3, 4};
                break;
            default:
                throw new IllegalArgumentException("QuFeX " + name + ": no patch shape for " + pixels
                        + " pixels per map (use the record constructor)");
        }
        return new QuFeXConfig(shape[0], shape[1], maps, filters);
    }
}
