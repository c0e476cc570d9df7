package org.hybridqml.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoldSummaryTest {

    /** PH2 U-Net 80k per-fold IoU exactly as logged (Jain-Naman/QuNet-Ph2: results/unet/unet_80k/unet_80k.txt). */
    private static final double[] UNET_FOLDS_LOGGED = {
            0.6452153325080872, 0.42491766810417175, 0.6219572424888611, 0.5306848883628845, 0.6685610413551331};

    @Test
    void unetFoldsFromTheAuthorsLogMatchPapersTable() {
        // U-Net per-fold IoUs from the authors' logs (Jain-Naman/QuNet-Ph2, results/**.txt; arXiv:2501.13165, Sec. IV.A
        // compares median and IQR): mean 0.5783, median 0.622, IQR 0.115 (log prints "Average IoU: 0.5783")
        FoldSummary s = FoldSummary.of(UNET_FOLDS_LOGGED);
        assertEquals(0.5783, s.mean(), 0.00005);
        assertEquals(0.622, s.median(), 0.0005);
        assertEquals(0.115, s.interquartileRange(), 0.0005);
        // with five folds, R-7 quartiles are exactly the 2nd and 4th order statistics
        assertEquals(0.5306848883628845, s.firstQuartile(), 0.0);
        assertEquals(0.6452153325080872, s.thirdQuartile(), 0.0);
        assertEquals(5, s.count());
    }

    @Test
    void unetFoldsRoundedToThreeDecimals() {
        // The table's fold values are rounded, so recomputing from them shifts the last digit:
        // mean 2.892 / 5 = 0.5784 (table 0.5783), IQR .645 − .531 = 0.114 (table 0.115).
        FoldSummary s = FoldSummary.of(0.645, 0.425, 0.622, 0.531, 0.669);
        assertEquals(0.5784, s.mean(), 1e-12);
        assertEquals(0.622, s.median(), 1e-12);
        assertEquals(0.531, s.firstQuartile(), 1e-12);
        assertEquals(0.645, s.thirdQuartile(), 1e-12);
        assertEquals(0.114, s.interquartileRange(), 1e-12);
        assertEquals(0.425, s.min(), 0.0);
        assertEquals(0.669, s.max(), 0.0);
    }

    @Test
    void quartilesUseNumpyLinearInterpolation() {
        // numpy: np.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        FoldSummary s = FoldSummary.of(4, 1, 3, 2);
        assertEquals(1.75, s.firstQuartile(), 1e-12);
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(3.25, s.thirdQuartile(), 1e-12);
        assertEquals(1.5, s.interquartileRange(), 1e-12);
        // Qu-Net 6_1 has 4 folds only: median of .381 .647 .692 .701 is (.647 + .692) / 2 = .6695 (table 0.670)
        assertEquals(0.6695, FoldSummary.of(0.647, 0.381, 0.692, 0.701).median(), 1e-12);
    }

    @Test
    void singleFoldHasZeroSpread() {
        FoldSummary s = FoldSummary.of(0.7);
        assertEquals(0.7, s.mean(), 0.0);
        assertEquals(0.7, s.median(), 0.0);
        assertEquals(0.0, s.interquartileRange(), 0.0);
    }

    @Test
    void inputIsNotReordered() {
        double[] folds = {0.3, 0.1, 0.2};
        FoldSummary.of(folds);
        assertEquals(0.3, folds[0], 0.0);
        assertEquals(0.1, folds[1], 0.0);
    }

    @Test
    void missingOrNonFiniteValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, FoldSummary::of);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> FoldSummary.of(0.5, Double.NaN));
        assertTrue(nan.getMessage().contains("Fold value 1"), nan.getMessage());
    }

    @Test
    void toStringShowsMeanMedianAndIqr() {
        String text = FoldSummary.of(0.645, 0.425, 0.622, 0.531, 0.669).toString();
        assertEquals("mean 0.5784, median 0.6220, IQR 0.1140 (Q1 0.5310, Q3 0.6450, min 0.4250, max 0.6690, n=5)",
                text);
    }
}
