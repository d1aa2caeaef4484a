package dev.cloudwarden.app.output;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight-bytes-at-a-time test for text that needs no escaping agrees with the plain definition on any bytes. */
class SafeUtf8GeneratorTest {

    @Property(tries = 3000)
    void isPlainAgreesWithTheByteByByteDefinition(@ForAll("mostlyPrintable") byte[] bytes) {
        assertThat(SafeUtf8Generator.isPlain(bytes)).isEqualTo(plainByDefinition(bytes));
    }

    private static boolean plainByDefinition(byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Mostly printable ASCII (so most arrays are plain), with the bytes at every boundary of the test mixed in. */
    @Provide
    Arbitrary<byte[]> mostlyPrintable() {
        Arbitrary<Byte> printable = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
        Arbitrary<Byte> edges = Arbitraries.of((byte) 0x00, (byte) 0x1F, (byte) 0x20, (byte) 0x21, (byte) '"',
                (byte) '\\', (byte) 0x7E, (byte) 0x7F, (byte) 0x80, (byte) 0xA0, (byte) 0xFF, (byte) 0x5B, (byte) 0x5D);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(40, printable), net.jqwik.api.Tuple.of(1, edges))
                .array(byte[].class).ofMaxSize(40);
    }
}
