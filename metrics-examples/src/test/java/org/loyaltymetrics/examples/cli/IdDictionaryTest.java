package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdDictionaryTest {

    @Test
    void assignsIdsInOrderOfFirstSightAndKeepsTheKeys() {
        IdDictionary ids = new IdDictionary();
        assertThat(ids.idOf("b")).isZero();
        assertThat(ids.idOf("a")).isEqualTo(1);
        assertThat(ids.idOf("b")).isZero();
        assertThat(ids.idOf("")).isEqualTo(2);
        assertThat(ids.idOf("Aa")).isEqualTo(3);
        assertThat(ids.idOf("BB")).as("the same hash code as Aa").isEqualTo(4);
        assertThat(ids.idOf("Aa")).isEqualTo(3);
        assertThat(ids.size()).isEqualTo(5);
        assertThat(ids.key(4)).isEqualTo("BB");
        assertThatThrownBy(() -> ids.key(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ids.key(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void agreesWithAHashMapThroughGrowth() {
        IdDictionary ids = new IdDictionary();
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(3);
        int differences = 0;
        for (int i = 0; i < 300_000; i++) {
            String key = Integer.toString(random.nextInt(100_000));
            Integer id = expected.computeIfAbsent(key, k -> expected.size());
            differences += ids.idOf(key) == id ? 0 : 1;
        }
        assertThat(differences).isZero();
        assertThat(ids.size()).isEqualTo(expected.size());
        expected.forEach((key, id) -> assertThat(ids.key(id)).isEqualTo(key));
    }
}
