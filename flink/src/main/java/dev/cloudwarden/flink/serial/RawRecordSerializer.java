package dev.cloudwarden.flink.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.RawRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An event's original record between tasks and in state: a JSON record as its bytes (so its digest, and the ids
 * hashed from it, are the same on every task), a text record as its line and the fields its parser cut out (as JSON,
 * parsed on the other side only if something reads a field). What a
 * record caches for the parsing task (its tree, the fields read ahead) is not sent: the next task rebuilds what it
 * asks for. A record never changes once parsed, so copies share it.
 */
public final class RawRecordSerializer extends Serializer<RawRecord> {
    private static final byte LINE = 0;
    private static final byte JSON = 1;
    private static final byte TREE = 2;

    public RawRecordSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, RawRecord r) {
        if (!r.isJson()) {
            out.writeByte(LINE);
            out.writeString(r.text());
            byte[] fields = r.lineFieldBytes();
            bytes(out, fields != null ? fields : tree(r));
        } else if (r.jsonBytes() != null) {
            out.writeByte(JSON);
            bytes(out, r.jsonBytes());
        } else {
            out.writeByte(TREE);
            bytes(out, tree(r));
        }
    }

    @Override
    public RawRecord read(Kryo kryo, Input in, Class<? extends RawRecord> type) {
        byte kind = in.readByte();
        try {
            return switch (kind) {
                case LINE -> RawRecord.ofLineFields(in.readString(), bytes(in)); // fields parsed if asked for
                case JSON -> RawRecord.ofJson(bytes(in));
                case TREE -> RawRecord.ofTree(Json.MAPPER.readTree(bytes(in)));
                default -> throw new IllegalStateException("not a serialized record (kind " + kind + ")");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("a serialized record no longer parses", e);
        }
    }

    private static byte[] tree(RawRecord r) {
        try {
            return Json.MAPPER.writeValueAsBytes(r.tree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bytes(Output out, byte[] b) {
        out.writeVarInt(b.length, true);
        out.writeBytes(b);
    }

    private static byte[] bytes(Input in) {
        return in.readBytes(in.readVarInt(true));
    }
}
