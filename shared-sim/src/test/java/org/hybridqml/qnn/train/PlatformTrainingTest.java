package org.hybridqml.qnn.train;

import org.hybridqml.qnn.head.DenseHead;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformTrainingTest {

    @Test
    void smallDataTrainWithoutValidationSplit() {
        assertEquals(0.0, PlatformTraining.config(1e-3, 1, 8, 5, 2, 0.2, true, 1, 9).validationFraction());
        assertEquals(0.0, PlatformTraining.config(1e-3, 1, 8, 5, 2, 0.01, true, 1, 20).validationFraction());
        assertEquals(0.2, PlatformTraining.config(1e-3, 1, 8, 5, 2, 0.2, true, 1, 10).validationFraction());
    }

    @Test
    void epochLogIsPrintedOnlyWhenAskedAndTheLoggerIsRestored() {
        double[][] x = {{0, 1}, {1, 0}, {1, 1}, {0, 0}};
        int[] y = {0, 1, 1, 0};
        TrainingConfig c = PlatformTraining.config(1e-2, 1, 2, 3, 2, 0.2, true, 1, x.length);
        Logger log = Logger.getLogger(HeadTrainer.class.getName());
        for (boolean show : new boolean[] {true, false}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            PlatformTraining.withEpochLog(show, out, "probe",
                    () -> new HeadTrainer(c).fitSingleLabel(new DenseHead(2, 2), x, y));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(show, text.contains("[probe] epoch 3"), text);
            // 4 rows: no validation split, so no validation loss (and no "NaN") in the lines
            assertTrue(!text.contains("NaN") && !text.contains("val loss"), text);
            assertNull(log.getLevel());
            assertNull(log.getFilter());
            assertTrue(log.getUseParentHandlers());
            assertEquals(0, log.getHandlers().length);
        }
    }

    @Test
    void hiddenEpochLogStillLetsTheLongTrainingEstimateAndWarningsThrough() {
        Logger log = Logger.getLogger("org.hybridqml.qnn.train.PlatformTrainingTest.probe");
        List<String> seen = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            PlatformTraining.withLog(log.getName(), false, out, "probe", () -> {
                log.info("epoch 1/3 loss 0.5");
                EpochEstimate.logIfLong(log, 120, 3, null);
                log.warning("label 'x' is never positive");
                return null;
            });
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(List.of("INFO epoch 1 of 3: about 120 s per epoch, 6.0 min in total",
                "WARNING label 'x' is never positive"), seen);
        assertNull(log.getFilter());
    }
}
