package org.hybridqml.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documentation quotes tested code: every Java block of README.md and docs/*.md carries a snippet marker whose
 * file exists, and the blocks that point into shared-sim equal their regions (the code itself runs in
 * {@link SimulatorExampleTest}). The other modules' {@code DocSnippetsTest} check the markers that point into them.
 */
class DocSnippetsTest {

    @Test
    void docsQuoteTheSharedSimSnippetsExactly() {
        assertTrue(DocSnippets.assertModuleSnippetsMatch("shared-sim") > 0, "no doc block points into shared-sim");
    }

    @Test
    void everyJavaBlockOfTheDocsHasAMarkerToAnExistingTestSource() {
        Path root = DocSnippets.repositoryRoot();
        List<Path> docs = DocSnippets.documents(root);
        assertTrue(docs.size() > 5, docs.toString());
        assertTrue(DocSnippets.assertEveryBlockHasMarker(root, docs) > 0, "no java block found in " + docs);
    }

    // The checker's own negative controls, on files written here.

    private static final String SOURCE = """
            package x;
            class A {
                void m() {
                    // snippet-start demo
                    int a = 1;

                    int b = a + 1;   \s
                    // snippet-end demo
                }
            }
            """;

    private static Path repo(Path dir, String doc) throws IOException {
        Files.createDirectories(dir.resolve("mod/src/test/java/x"));
        Files.writeString(dir.resolve("mod/src/test/java/x/A.java"), SOURCE);
        Path md = dir.resolve("doc.md");
        Files.writeString(md, doc);
        return md;
    }

    @Test
    void aBlockEqualToItsRegionUpToIndentationPasses(@TempDir Path dir) throws IOException {
        Path md = repo(dir, "text\n<!-- snippet: mod/src/test/java/x/A.java#demo -->\n\n```java\n"
                + "  int a = 1;\n\n  int b = a + 1;\n```\n");
        List<DocSnippets.Block> blocks = DocSnippets.parse(md);
        assertEquals(1, blocks.size());
        assertEquals(4, blocks.get(0).line());
        assertEquals(List.of("int a = 1;", "", "int b = a + 1;"), DocSnippets.region(
                dir.resolve("mod/src/test/java/x/A.java"), "demo"));
        assertNull(DocSnippets.mismatch(dir, blocks.get(0)));
    }

    @Test
    void aChangedLineIsReportedWithDocLineRegionAndBothTexts(@TempDir Path dir) throws IOException {
        Path md = repo(dir, "<!-- snippet: mod/src/test/java/x/A.java#demo -->\n```java\nint a = 1;\n\n"
                + "int b = a + 2;\n```\n");
        String m = DocSnippets.mismatch(dir, DocSnippets.parse(md).get(0));
        assertTrue(m != null && m.contains(":2:") && m.contains("A.java#demo") && m.contains("block line 3")
                && m.contains("doc line 5") && m.contains("- doc:    int b = a + 2;")
                && m.contains("+ source: int b = a + 1;"), m);
    }

    @Test
    void aMissingRegionOrFileIsReported(@TempDir Path dir) throws IOException {
        Path md = repo(dir, "<!-- snippet: mod/src/test/java/x/A.java#other -->\n```java\nint a = 1;\n```\n"
                + "<!-- snippet: mod/src/test/java/x/B.java#demo -->\n```java\nint a = 1;\n```\n");
        List<DocSnippets.Block> blocks = DocSnippets.parse(md);
        String m = DocSnippets.mismatch(dir, blocks.get(0));
        assertTrue(m.contains("no region 'other'"), m);
        AssertionError e = assertThrows(AssertionError.class,
                () -> DocSnippets.assertEveryBlockHasMarker(dir, List.of(md)));
        assertTrue(e.getMessage().contains("doc.md:6: marker names a missing file: mod/src/test/java/x/B.java"),
                e.getMessage());
    }

    @Test
    void aJavaBlockWithoutMarkerFailsAndOtherLanguagesAreIgnored(@TempDir Path dir) throws IOException {
        Path md = repo(dir, "```bash\n```java\n```\n\nSome text.\n\n```java\nint x;\n```\n");
        List<DocSnippets.Block> blocks = DocSnippets.parse(md);
        assertEquals(1, blocks.size(), "the java fence inside the bash block is not a block");
        AssertionError e = assertThrows(AssertionError.class,
                () -> DocSnippets.assertEveryBlockHasMarker(dir, List.of(md)));
        assertTrue(e.getMessage().contains("doc.md:7: java block without a marker"), e.getMessage());
    }

    @Test
    void joinedRegionsAreQuotedWithOneBlankLineBetween(@TempDir Path dir) throws IOException {
        Path md = repo(dir, "<!-- snippet: mod/src/test/java/x/A.java#demo+demo -->\n```java\nint a = 1;\n\n"
                + "int b = a + 1;\n\nint a = 1;\n\nint b = a + 1;\n```\n");
        assertNull(DocSnippets.mismatch(dir, DocSnippets.parse(md).get(0)));
    }
}
