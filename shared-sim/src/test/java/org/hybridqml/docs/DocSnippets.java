package org.hybridqml.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the Java code blocks of the documentation identical to tested source code.
 *
 * <p>Every {@code ```java} block in {@code README.md} and {@code docs/*.md} must directly follow (blank lines
 * allowed) a marker line
 * <pre>{@code <!-- snippet: <module>/<path/to/File.java>#<region>[+<region>...] -->}</pre>
 * whose path is relative to the repository root and names a test source of that module. The block must equal the
 * region of that file delimited by the lines {@code // snippet-start <region>} and {@code // snippet-end <region>};
 * several regions joined with {@code +} are quoted one after the other, separated by one blank line (for example
 * {@code #imports+example}). Both sides are compared after removing their common indentation, trailing spaces and
 * leading or trailing blank lines; marker lines of other regions nested inside a region are not quoted.
 *
 * <p>The source files are JUnit tests, so the quoted code compiles and runs in the build; each module's
 * {@code DocSnippetsTest} calls {@link #assertModuleSnippetsMatch(String)} for the markers that point into it.
 */
public final class DocSnippets {

    /** The marker that must precede every Java block. */
    public static final Pattern MARKER = Pattern.compile(
            "^\\s*<!--\\s*snippet:\\s*([A-Za-z0-9._-]+)/(\\S+?\\.java)#([A-Za-z0-9_+-]+)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*$");

    private DocSnippets() {
    }

    /**
     * One {@code ```java} block of a markdown file and the marker in front of it.
     *
     * @param doc     the markdown file
     * @param line    1-based line number of the opening fence
     * @param module  the module named by the marker, or {@code null} when the block has no marker
     * @param file    the source path inside the module named by the marker, or {@code null}
     * @param regions the region names of the marker (empty without marker)
     * @param text    the block's lines between the fences
     */
    public record Block(Path doc, int line, String module, String file, List<String> regions, List<String> text) {

        /** @return whether a marker precedes the block */
        public boolean hasMarker() {
            return module != null;
        }

        /** @return {@code doc:line} for messages */
        public String where() {
            return doc + ":" + line;
        }

        /** @return the marker's target as written, {@code module/file#regions} */
        public String target() {
            return module + "/" + file + "#" + String.join("+", regions);
        }
    }

    /**
     * Finds the repository root: the first folder, walking up from the working directory, that holds
     * {@code README.md}, {@code docs/} and {@code shared-sim/}.
     *
     * @return the repository root
     * @throws IllegalStateException if none is found
     */
    public static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isDirectory(dir.resolve("shared-sim"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No repository root (README.md, docs/, shared-sim/) above "
                + Paths.get("").toAbsolutePath());
    }

    /**
     * The documents whose Java blocks are checked: {@code README.md} and every {@code docs/*.md}, sorted.
     *
     * @param root the repository root
     * @return the markdown files
     */
    public static List<Path> documents(Path root) {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * Parses the {@code ```java} blocks of a markdown file (fences of three or more backticks or tildes; blocks of
     * other languages are skipped whole, so a Java fence shown inside them is not a block).
     *
     * @param markdown the file
     * @return its Java blocks in order, with their markers where present
     */
    public static List<Block> parse(Path markdown) {
        return parse(markdown, markdown);
    }

    /**
     * Parses a markdown file as {@link #parse(Path)} does, naming it {@code shownAs} in the blocks and messages.
     *
     * @param markdown the file to read
     * @param shownAs  the name the blocks carry, e.g. the path relative to the repository root
     * @return its Java blocks in order
     */
    public static List<Block> parse(Path markdown, Path shownAs) {
        List<String> lines = readLines(markdown);
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                i++;
                continue;
            }
            String fence = open.group(1);
            boolean java = open.group(2).equalsIgnoreCase("java");
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !isClosingFence(lines.get(i), fence)) {
                body.add(lines.get(i));
                i++;
            }
            i++; // past the closing fence (or the end of the file)
            if (!java) {
                continue;
            }
            Matcher marker = null;
            for (int j = start - 1; j >= 0; j--) {
                if (lines.get(j).isBlank()) {
                    continue;
                }
                Matcher m = MARKER.matcher(lines.get(j));
                marker = m.matches() ? m : null;
                break;
            }
            if (marker == null) {
                blocks.add(new Block(shownAs, start + 1, null, null, List.of(), body));
            } else {
                blocks.add(new Block(shownAs, start + 1, marker.group(1), marker.group(2),
                        List.of(marker.group(3).split("\\+")), body));
            }
        }
        return blocks;
    }

    private static boolean isClosingFence(String line, String fence) {
        String t = line.strip();
        return t.length() >= fence.length() && t.chars().allMatch(c -> c == fence.charAt(0))
                && line.indexOf(fence.charAt(0)) <= 3;
    }

    /**
     * Extracts a region of a source file: the lines between {@code // snippet-start name} and
     * {@code // snippet-end name}, without the marker lines of other regions, normalised by {@link #normalise}.
     *
     * @param source the source file
     * @param name   the region name
     * @return the region's lines
     * @throws IllegalArgumentException if the region is missing, unterminated or defined twice
     */
    public static List<String> region(Path source, String name) {
        List<String> lines = readLines(source);
        String startMarker = "// snippet-start " + name;
        String endMarker = "// snippet-end " + name;
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.equals(startMarker)) {
                if (start >= 0) {
                    throw new IllegalArgumentException(source + ": region '" + name + "' starts twice (lines "
                            + (start + 1) + " and " + (i + 1) + ")");
                }
                start = i;
            } else if (t.equals(endMarker)) {
                if (start < 0 || end >= 0) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": '" + endMarker
                            + "' without a matching start, or a second end");
                }
                end = i;
            }
        }
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException(source + ": no region '" + name + "' (expected the lines '"
                    + startMarker + "' and '" + endMarker + "')");
        }
        List<String> out = new ArrayList<>();
        for (String l : lines.subList(start + 1, end)) {
            String t = l.strip();
            if (!t.startsWith("// snippet-start ") && !t.startsWith("// snippet-end ")) {
                out.add(l);
            }
        }
        return normalise(out);
    }

    /**
     * The text a marker quotes: its regions, each normalised, separated by one blank line.
     *
     * @param root  the repository root
     * @param block a block with a marker
     * @return the expected block lines
     */
    public static List<String> expected(Path root, Block block) {
        Path source = root.resolve(block.module()).resolve(block.file());
        List<String> out = new ArrayList<>();
        for (String r : block.regions()) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(region(source, r));
        }
        return out;
    }

    /**
     * Removes the lines' common leading indentation (tabs count as four spaces), trailing whitespace, and leading
     * and trailing blank lines.
     *
     * @param lines the lines
     * @return the normalised lines
     */
    public static List<String> normalise(List<String> lines) {
        List<String> expanded = new ArrayList<>();
        for (String l : lines) {
            expanded.add(l.replace("\t", "    ").stripTrailing());
        }
        int from = 0;
        int to = expanded.size();
        while (from < to && expanded.get(from).isEmpty()) {
            from++;
        }
        while (to > from && expanded.get(to - 1).isEmpty()) {
            to--;
        }
        List<String> kept = expanded.subList(from, to);
        int indent = Integer.MAX_VALUE;
        for (String l : kept) {
            if (!l.isEmpty()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : kept) {
            out.add(l.isEmpty() ? l : l.substring(indent));
        }
        return out;
    }

    /**
     * Compares one block with the code it quotes.
     *
     * @param root  the repository root
     * @param block a block with a marker
     * @return {@code null} when equal, otherwise a message naming the document, line and region with the first
     *         differing line of each side and the expected block in full
     */
    public static String mismatch(Path root, Block block) {
        List<String> want;
        try {
            want = expected(root, block);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return block.where() + ": marker " + block.target() + ": " + e.getMessage();
        }
        List<String> got = normalise(block.text());
        if (want.equals(got)) {
            return null;
        }
        int k = 0;
        while (k < want.size() && k < got.size() && want.get(k).equals(got.get(k))) {
            k++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(block.where()).append(": the java block differs from ").append(block.target())
                .append(" at block line ").append(k + 1).append(" (doc line ").append(block.line() + 1 + k)
                .append(")\n");
        sb.append("  - doc:    ").append(k < got.size() ? got.get(k) : "<end of block>").append('\n');
        sb.append("  + source: ").append(k < want.size() ? want.get(k) : "<end of region>").append('\n');
        sb.append("  the block should read:\n");
        for (String l : want) {
            sb.append("    | ").append(l).append('\n');
        }
        return sb.toString();
    }

    /**
     * Checks every Java block of the documents that points into {@code module} against its source region.
     *
     * @param module the module folder name, e.g. {@code "tribuo-quantum"}
     * @return the number of blocks checked
     * @throws AssertionError listing every mismatch
     */
    public static int assertModuleSnippetsMatch(String module) {
        Path root = repositoryRoot();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents(root)) {
            for (Block b : parse(doc, root.relativize(doc))) {
                if (module.equals(b.module())) {
                    checked++;
                    String m = mismatch(root, b);
                    if (m != null) {
                        failures.add(m);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " doc snippet(s) of " + module
                    + " differ from their source:\n" + String.join("\n", failures));
        }
        return checked;
    }

    /**
     * Checks that every Java block of the given documents has a marker whose module folder and source file exist.
     *
     * @param root the repository root
     * @param docs the markdown files
     * @return the number of blocks checked
     * @throws AssertionError listing every block without a marker or with a marker to a missing file
     */
    public static int assertEveryBlockHasMarker(Path root, List<Path> docs) {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (Block b : parse(doc, root.relativize(doc))) {
                checked++;
                if (!b.hasMarker()) {
                    failures.add(b.where() + ": java block without a marker; put "
                            + "'<!-- snippet: <module>/<path/to/File.java>#<region> -->' on the line before it. "
                            + "First line: " + (b.text().isEmpty() ? "<empty>" : b.text().get(0).strip()));
                } else if (!Files.isRegularFile(root.resolve(b.module()).resolve(b.file()))) {
                    failures.add(b.where() + ": marker names a missing file: "
                            + b.module() + "/" + b.file());
                } else if (!Arrays.asList(b.file().split("/")).contains("test")) {
                    failures.add(b.where() + ": marker must name a test source (the "
                            + "snippet must run in a test): " + b.target());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " java block(s) not backed by a tested snippet:\n"
                    + String.join("\n", failures));
        }
        return checked;
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
