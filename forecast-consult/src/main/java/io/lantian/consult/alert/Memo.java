package io.lantian.consult.alert;

import java.util.function.Supplier;

/** A value read at most once, and only when asked for (one thread: a transaction is decided by the thread that runs it). */
final class Memo<T> implements Supplier<T> {

    private Supplier<T> source;
    private T value;

    Memo(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public T get() {
        if (source != null) {
            value = source.get();
            source = null;
        }
        return value;
    }
}
