package org.hybridqml.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseMasksTest {

    @Test
    void fullyLabelledImageIsItsLabels() {
        int[] rows = {0, 0, 1, 1};
        int[] cols = {0, 1, 0, 1};
        boolean[] fg = {true, false, false, true};
        assertArrayEquals(new float[]{1, 0, 0, 1}, SparseMasks.fill(2, 2, rows, cols, fg));
    }

    @Test
    void unlabelledPixelsTakeTheNearestLabel() {
        // 1x5 strip labelled at both ends: the left half follows the left label, the right half the right one
        float[] m = SparseMasks.fill(1, 5, new int[]{0, 0}, new int[]{0, 4}, new boolean[]{true, false});
        assertArrayEquals(new float[]{1, 1, 1, 0, 0}, m);
        // a stride-2 grid on 4x4: every pixel copies its grid neighbour
        float[] g = SparseMasks.fill(4, 4, new int[]{0, 0, 2, 2}, new int[]{0, 2, 0, 2},
                new boolean[]{false, true, false, true});
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertTrue(g[r * 4 + c] == (c >= 2 ? 1 : 0), "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void conflictsAndBadPositionsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> SparseMasks.fill(2, 2, new int[]{0, 0},
                new int[]{1, 1}, new boolean[]{true, false}));
        assertThrows(IllegalArgumentException.class, () -> SparseMasks.fill(2, 2, new int[]{2},
                new int[]{0}, new boolean[]{true}));
        assertThrows(IllegalArgumentException.class, () -> SparseMasks.fill(2, 2, new int[0], new int[0],
                new boolean[0]));
    }
}
