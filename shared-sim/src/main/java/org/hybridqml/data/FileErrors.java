package org.hybridqml.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes every error from reading a data file name the file. Readers wrap what their libraries throw (ImageIO's
 * "Error reading PNG image data", an {@code EOFException} without a message, a {@code ZipException} from a broken
 * gzip stream, a runtime exception from a decoder) so the message starts with the file's path.
 */
public final class FileErrors {

    private FileErrors() {
    }

    /**
     * An {@link IOException} that names {@code file}: {@code e} itself when it is an IOException whose message
     * already contains the path, otherwise a new one "{@code <what> <file>: <cause message>}" with {@code e} as its
     * cause.
     *
     * @param what a short description of the file, e.g. "image file", "IDX file"
     * @param file the file being read
     * @param e    what went wrong
     * @return the exception to throw
     */
    public static IOException naming(String what, Path file, Exception e) {
        String path = String.valueOf(file);
        String msg = e.getMessage();
        if (e instanceof IOException io && msg != null && msg.contains(path)) {
            return io;
        }
        String cause = msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
        if (e instanceof java.io.EOFException) {
            cause = "file is truncated (" + cause + ")";
        }
        return new IOException("Cannot read " + what + " " + path + ": " + cause, e);
    }
}
