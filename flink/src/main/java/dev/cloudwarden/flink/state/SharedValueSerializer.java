package dev.cloudwarden.flink.state;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The serializer of an engine state value that never changes once stored ({@code ImmutableState}): it writes and
 * reads as the type's own serializer does, but a copy is the value itself. Flink's heap backend copies each value it
 * hands out while an asynchronous checkpoint is being written, in case the operator changes it in place; these
 * values are never changed, so the deep copy (an alert, its events, their raw records) is skipped.
 */
public final class SharedValueSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> delegate;

    public SharedValueSerializer(TypeSerializer<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<T> d = delegate.duplicate();
        return d == delegate ? this : new SharedValueSerializer<>(d);
    }

    @Override
    public T createInstance() {
        return delegate.createInstance();
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return delegate.getLength();
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        delegate.serialize(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return delegate.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return delegate.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        delegate.copy(source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedValueSerializer<?> s && s.delegate.equals(delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode() * 31 + 7;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** Restores the wrapper around whatever the type's own serializer restores to. */
    public static final class Snapshot<T> extends CompositeTypeSerializerSnapshot<T, SharedValueSerializer<T>> {
        public Snapshot() {
        }

        Snapshot(SharedValueSerializer<T> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(SharedValueSerializer<T> outer) {
            return new TypeSerializer<?>[] {outer.delegate};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected SharedValueSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new SharedValueSerializer<>((TypeSerializer<T>) nested[0]);
        }
    }
}
