package org.hybridqml.sim.qasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits OpenQASM 2.0 text into tokens (identifiers, numbers, strings, symbols), skipping {@code //} comments but
 * keeping the observables header comment written by {@link OpenQasmExporter}.
 */
final class QasmLexer {

    /** Token kinds. */
    enum Kind {
        /** An identifier or keyword. */
        ID,
        /** An integer literal. */
        INT,
        /** A real literal. */
        REAL,
        /** A double-quoted string (text without the quotes). */
        STRING,
        /** Punctuation or an operator. */
        SYMBOL,
        /** End of input. */
        EOF
    }

    /**
     * One token.
     *
     * @param kind kind
     * @param text its text
     * @param line 1-based line
     */
    record Token(Kind kind, String text, int line) {
        /** @return how an error message names the token */
        String describe() {
            return kind == Kind.EOF ? "end of input" : "'" + text + "'";
        }
    }

    /**
     * A comment's text after "//".
     *
     * @param text the text, trimmed
     * @param line 1-based line
     */
    record Comment(String text, int line) {
    }

    private final String src;
    private int pos;
    private int line = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    /**
     * Tokenises the whole text.
     *
     * @param src the program
     * @throws QasmParseException on a character no token starts with, or an unterminated string
     */
    QasmLexer(String src) {
        this.src = src;
        while (next()) {
            // tokens and comments collected
        }
        tokens.add(new Token(Kind.EOF, "", line));
    }

    /** @return the tokens, ending with one {@link Kind#EOF} */
    List<Token> tokens() {
        return tokens;
    }

    /** @return the comments in text order */
    List<Comment> comments() {
        return comments;
    }

    private boolean next() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                int end = src.indexOf('\n', pos);
                end = end < 0 ? src.length() : end;
                comments.add(new Comment(src.substring(pos + 2, end).trim(), line));
                pos = end;
            } else {
                break;
            }
        }
        if (pos >= src.length()) {
            return false;
        }
        char c = src.charAt(pos);
        int start = pos;
        if (isLetter(c)) {
            while (pos < src.length() && (isLetter(src.charAt(pos)) || isDigit(src.charAt(pos)))) {
                pos++;
            }
            tokens.add(new Token(Kind.ID, src.substring(start, pos), line));
        } else if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            tokens.add(number());
        } else if (c == '"') {
            int end = src.indexOf('"', pos + 1);
            int eol = src.indexOf('\n', pos + 1);
            if (end < 0 || (eol >= 0 && eol < end)) {
                throw new QasmParseException(line, "unterminated string");
            }
            tokens.add(new Token(Kind.STRING, src.substring(pos + 1, end), line));
            pos = end + 1;
        } else if (src.startsWith("->", pos) || src.startsWith("==", pos)) {
            pos += 2;
            tokens.add(new Token(Kind.SYMBOL, src.substring(start, pos), line));
        } else if ("()[]{},;+-*/^".indexOf(c) >= 0) {
            pos++;
            tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
        } else {
            throw new QasmParseException(line, "unexpected character '" + c + "'");
        }
        return true;
    }

    private Token number() {
        int start = pos;
        boolean real = false;
        digits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            real = true;
            pos++;
            digits();
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && isDigit(src.charAt(pos))) {
                real = true;
                digits();
            } else {
                pos = mark;
            }
        }
        return new Token(real ? Kind.REAL : Kind.INT, src.substring(start, pos), line);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }
}
