package org.loyaltymetrics.examples.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * Dense {@code long} ids for the string ids of a file: metrics-core keys customers by {@code long}
 * so that its accumulators allocate nothing per record; the tool assigns 0, 1, 2, … in order of
 * first appearance.
 */
final class IdDictionary {

    private final Map<String, Long> ids = new HashMap<>();

    /** The id of {@code key}, assigning the next one on first sight. */
    long idOf(String key) {
        Long id = ids.get(key);
        if (id == null) {
            id = (long) ids.size();
            ids.put(key, id);
        }
        return id;
    }
}
