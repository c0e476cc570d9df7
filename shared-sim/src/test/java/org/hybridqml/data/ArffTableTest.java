package org.hybridqml.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARFF edge cases: sparse rows, quoting, nominal label order and the errors for malformed files. */
class ArffTableTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    @Test
    void sparseRowsLeaveAbsentAttributesAtZero() throws IOException {
        Path f = write("s.arff", "@relation 's: -C 2'", "@attribute a {0,1}", "@attribute b {0,1}",
                "@attribute x numeric", "@attribute y numeric", "@data", "{1 1, 3 2.5}", "{}", "{0 1,2 -1}");
        ArffTable t = ArffTable.read(f);
        assertArrayEquals(new double[]{0, 1, 0, 2.5}, t.rows().get(0));
        assertArrayEquals(new double[]{0, 0, 0, 0}, t.rows().get(1));
        assertArrayEquals(new double[]{1, 0, -1, 0}, t.rows().get(2));
        MultiLabelData d = MultiLabelData.readMeka(f);
        assertArrayEquals(new int[]{0, 1}, d.labels()[0]);
        assertArrayEquals(new double[]{0, 2.5}, d.features()[0]);
    }

    @Test
    void quotedNamesAndNominalValuesMayHoldCommasAndBlanks() throws IOException {
        Path f = write("q.arff", "@relation \"q\"", "@attribute 'height, cm' numeric",
                "@attribute \"colour\" {'dark red', 'blue, light', 'it\\'s'}", "@attribute glued{0,1}", "@data",
                "1.5,'blue, light',1", "2,\"dark red\",0", "3,'it\\'s',1", "{1 'blue, light', 2 1}");
        ArffTable t = ArffTable.read(f);
        assertEquals(List.of("height, cm", "colour", "glued"), t.attributeNames());
        assertEquals(List.of("dark red", "blue, light", "it's"), t.nominalValues().get(1));
        assertArrayEquals(new double[]{1.5, 1, 1}, t.rows().get(0));
        assertArrayEquals(new double[]{2, 0, 0}, t.rows().get(1));
        assertArrayEquals(new double[]{3, 2, 1}, t.rows().get(2));
        assertArrayEquals(new double[]{0, 1, 1}, t.rows().get(3));
    }

    @Test
    void nominalLabelDeclaredOneZeroIsNotInverted() throws IOException {
        // The stored value is the nominal index; with {1,0} index 0 means "1".
        Path f = write("inv.arff", "@relation 'inv: -C 1'", "@attribute lab {1,0}", "@attribute x numeric", "@data",
                "1,0.5", "0,0.25");
        MultiLabelData d = MultiLabelData.readMeka(f);
        assertArrayEquals(new int[]{1}, d.labels()[0]);
        assertArrayEquals(new int[]{0}, d.labels()[1]);
    }

    @Test
    void nonBinaryLabelsAreRejectedNamingTheLabel() throws IOException {
        Path nominal = write("n.arff", "@relation 'n: -C 1'", "@attribute colour {red,blue}", "@attribute x numeric",
                "@data", "red,1");
        var e = assertThrows(IOException.class, () -> MultiLabelData.readMeka(nominal));
        assertTrue(e.getMessage().contains("colour") && e.getMessage().contains("{0,1}"), e.getMessage());
        Path numeric = write("m.arff", "@relation 'm: -C -1'", "@attribute x numeric", "@attribute lab numeric",
                "@data", "1,2");
        e = assertThrows(IOException.class, () -> MultiLabelData.readMeka(numeric));
        assertTrue(e.getMessage().contains("lab") && e.getMessage().contains("non-binary"), e.getMessage());
    }

    @Test
    void mekaRelationWithoutLabelCountIsRejected() throws IOException {
        Path f = write("c.arff", "@relation plain", "@attribute x numeric", "@data", "1");
        var e = assertThrows(IOException.class, () -> MultiLabelData.readMeka(f));
        assertTrue(e.getMessage().contains("-C"), e.getMessage());
    }

    @Test
    void malformedRowsAreRejectedWithTheLineNumber() throws IOException {
        Path badIndex = write("b1.arff", "@relation r", "@attribute x numeric", "@data", "{x 1}");
        var e = assertThrows(IOException.class, () -> ArffTable.read(badIndex));
        assertTrue(e.getMessage().contains(":4:") && e.getMessage().contains("sparse entry"), e.getMessage());
        Path outOfRange = write("b2.arff", "@relation r", "@attribute x numeric", "@data", "{5 1}");
        e = assertThrows(IOException.class, () -> ArffTable.read(outOfRange));
        assertTrue(e.getMessage().contains("bad sparse entry '5 1'"), e.getMessage());
        Path unclosed = write("b3.arff", "@relation r", "@attribute x numeric", "@data", "{0 1");
        e = assertThrows(IOException.class, () -> ArffTable.read(unclosed));
        assertTrue(e.getMessage().contains("does not end with '}'"), e.getMessage());
        Path width = write("b4.arff", "@relation r", "@attribute x numeric", "@attribute y numeric", "@data", "1");
        e = assertThrows(IOException.class, () -> ArffTable.read(width));
        assertTrue(e.getMessage().contains("row has 1 values, header declares 2"), e.getMessage());
        Path duplicate = write("b6.arff", "@relation r", "@attribute x numeric", "@attribute 'x' numeric", "@data");
        e = assertThrows(IOException.class, () -> ArffTable.read(duplicate));
        assertTrue(e.getMessage().contains(":3: duplicate attribute name 'x'"), e.getMessage());
        Path quote = write("b5.arff", "@relation r", "@attribute c {'a b'}", "@data", "'a b");
        e = assertThrows(IOException.class, () -> ArffTable.read(quote));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
    }

    @Test
    void mulanXmlNamingALabelTwiceIsRejected() throws IOException {
        Path arff = write("d.arff", "@relation r", "@attribute x numeric", "@attribute a {0,1}", "@data", "1,0");
        Path xml = write("d.xml", "<labels xmlns=\"http://mulan.sourceforge.net/labels\">",
                "<label name=\"a\"></label><label name=\"a\"></label></labels>");
        var e = assertThrows(IOException.class, () -> MultiLabelData.readMulan(arff, xml));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        Path missing = write("e.xml", "<labels><label name=\"zz\"/></labels>");
        e = assertThrows(IOException.class, () -> MultiLabelData.readMulan(arff, missing));
        assertTrue(e.getMessage().contains("'zz'"), e.getMessage());
    }
}
