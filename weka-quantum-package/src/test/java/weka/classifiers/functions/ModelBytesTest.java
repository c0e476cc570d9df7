package weka.classifiers.functions;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBytesTest {

    private static byte[] serialise(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static ModelBytes<StringBuilder> deserialise(byte[] b) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return (ModelBytes<StringBuilder>) in.readObject();
        }
    }

    @Test
    void theModelIsWrittenOnceAsBytesAndRestoredFromThemOnFirstUse() throws Exception {
        AtomicInteger encoded = new AtomicInteger();
        StringBuilder model = new StringBuilder("trained weights");
        ModelBytes<StringBuilder> holder = new ModelBytes<>("model", model, m -> {
            encoded.incrementAndGet();
            return m.toString().getBytes(StandardCharsets.UTF_8);
        });
        assertSame(model, holder.get(b -> {
            throw new AssertionError("a live model is not decoded");
        }));
        byte[] first = serialise(holder);
        serialise(holder);
        assertEquals(1, encoded.get());

        ModelBytes<StringBuilder> back = deserialise(first);
        AtomicInteger decoded = new AtomicInteger();
        ModelBytes.Decoder<StringBuilder> decoder = b -> {
            decoded.incrementAndGet();
            return new StringBuilder(new String(b, StandardCharsets.UTF_8));
        };
        StringBuilder restored = back.get(decoder);
        assertEquals("trained weights", restored.toString());
        assertSame(restored, back.get(decoder));
        assertEquals(1, decoded.get());
        assertEquals("trained weights", deserialise(serialise(back)).get(decoder).toString());
    }

    @Test
    void anEncoderFailureBecomesAnIOExceptionNamingTheModel() {
        ModelBytes<StringBuilder> holder = new ModelBytes<>("DL4J network", new StringBuilder(), m -> {
            throw new IllegalStateException("no workspace");
        });
        IOException e = assertThrows(IOException.class, () -> serialise(holder));
        assertTrue(e.getMessage().contains("Cannot serialise the DL4J network: no workspace"), e.getMessage());
    }
}
