package dev.doorman.calllogger.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's {@code data}: an immutable, insertion-ordered map over the key/value array it was
 * given, without copying. It exists for the calling thread's sake: one small object per event
 * instead of a hash map with an entry per field. Null values are kept (written as JSON null).
 */
public final class EventData extends AbstractMap<String, Object> {
    private static final EventData EMPTY = new EventData(new Object[0]);

    private final Object[] keysAndValues;

    private EventData(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /**
     * {@code of("turn", 2, "text", "hello")}. The array is used as is: do not change it afterwards.
     *
     * @throws IllegalArgumentException when the count is odd or a key is not a non-null String
     */
    public static EventData of(Object... keysAndValues) {
        if (keysAndValues.length == 0) {
            return EMPTY;
        }
        if ((keysAndValues.length & 1) != 0) {
            throw new IllegalArgumentException("event data needs key/value pairs, got " + keysAndValues.length + " items");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("event data key #" + (i / 2) + " is not a String: " + keysAndValues[i]);
            }
        }
        return new EventData(keysAndValues);
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    /** Key of field {@code i} (0-based, insertion order). */
    public String keyAt(int i) {
        return (String) keysAndValues[2 * i];
    }

    /** Value of field {@code i} (0-based, insertion order). */
    public Object valueAt(int i) {
        return keysAndValues[2 * i + 1];
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return keysAndValues[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            action.accept((String) keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= keysAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Object> entry = new SimpleImmutableEntry<>(
                                (String) keysAndValues[next], keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return keysAndValues.length / 2;
            }
        };
    }
}
