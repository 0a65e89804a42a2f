package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The accumulator contract, checked for every accumulator of the library: the public classes of the
 * exported packages that implement {@link Accumulator} are found by reflection over the compiled
 * classes, each must be covered by a fixture of a {@code *AccumulatorFixtures} class, and for each
 * fixture, over random records: combining the parts of any split, in any order, equals one pass; a
 * snapshot does not change when records are added later; {@code toString()} is one line; and the
 * accumulator survives Java serialization with its state.
 */
class AccumulatorContractTest {

    /** Every public accumulator has at least one fixture. */
    @Test
    void everyAccumulatorOfTheExportedPackagesHasAFixture() throws Exception {
        Set<String> accumulators = accumulatorClasses();
        Set<String> covered = fixtures().stream().map(f -> f.type().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(accumulators).as("accumulators of the exported packages").isNotEmpty();
        assertThat(covered).as("accumulators covered by a *AccumulatorFixtures class").containsAll(accumulators);
    }

    /**
     * Every public class of the exported packages that accumulates (named {@code *Accumulator}, or
     * with a public {@code combine} or {@code snapshot} method) implements the one contract.
     */
    @Test
    void everyPublicAccumulatingClassImplementsTheContract() throws Exception {
        Set<String> outside = new TreeSet<>();
        for (String name : classNames(classRoot(Accumulator.class))) {
            if (name.startsWith("org.loyaltymetrics.internal")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, AccumulatorContractTest.class.getClassLoader());
            boolean accumulates = type.getSimpleName().endsWith("Accumulator") || Arrays.stream(type.getMethods())
                    .anyMatch(m -> m.getDeclaringClass() != Object.class && (m.getName().equals("combine")
                            || m.getName().equals("snapshot") && m.getParameterCount() == 0));
            if (Modifier.isPublic(type.getModifiers()) && !type.isInterface() && accumulates
                    && !Accumulator.class.isAssignableFrom(type)) {
                outside.add(name);
            }
        }
        assertThat(outside).as("accumulating classes outside the contract").isEmpty();
        assertThat(accumulatorClasses()).as("the enumeration finds the library's accumulators").hasSizeGreaterThan(20);
    }

    /** The contract, one dynamic test per fixture. */
    @TestFactory
    Stream<DynamicTest> everyFixtureKeepsTheContract() throws Exception {
        return fixtures().stream().map(f -> DynamicTest.dynamicTest(f.type().getSimpleName() + ": " + f.name(),
                () -> check(f)));
    }

    private static <A extends Accumulator<A, V>, V, R> void check(AccumulatorFixture<A, R> fixture) {
        AccumulatorFixture<A, R> f = fixture;
        qt().withExamples(200).forAll(lists().of(f.records()).ofSizeBetween(0, 60), integers().between(1, 5),
                longs().all()).checkAssert((records, parts, seed) -> {
                    Random random = new Random(seed);
                    A onePass = f.create().get();
                    records.forEach(r -> f.add().accept(onePass, r));
                    V expected = onePass.snapshot();

                    List<A> split = new ArrayList<>();
                    for (int i = 0; i < parts; i++) {
                        split.add(f.create().get());
                    }
                    records.forEach(r -> f.add().accept(split.get(random.nextInt(parts)), r));
                    Collections.shuffle(split, random);
                    A combined = f.create().get();
                    split.forEach(combined::combine);
                    assertThat(combined.snapshot()).as("combined parts of a split equal one pass").isEqualTo(expected);

                    A chained = split.get(0);
                    split.subList(1, split.size()).forEach(chained::combine);
                    assertThat(chained.snapshot()).as("parts combined into the first").isEqualTo(expected);

                    int half = records.size() / 2;
                    A early = f.create().get();
                    records.subList(0, half).forEach(r -> f.add().accept(early, r));
                    V before = early.snapshot();
                    records.subList(half, records.size()).forEach(r -> f.add().accept(early, r));
                    A again = f.create().get();
                    records.subList(0, half).forEach(r -> f.add().accept(again, r));
                    assertThat(before).as("a snapshot is not changed by later adds").isEqualTo(again.snapshot());

                    assertThat(onePass.toString()).as("toString is one line").doesNotContain("\n").isNotBlank();
                    assertThat(roundTrip(onePass).snapshot()).as("serialized and read back").isEqualTo(expected);
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** The public, non-abstract classes of the exported packages (all but internal) that implement Accumulator. */
    static Set<String> accumulatorClasses() throws Exception {
        Path root = classRoot(Accumulator.class);
        Set<String> names = new TreeSet<>();
        for (String name : classNames(root)) {
            if (name.startsWith("org.loyaltymetrics.internal")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, AccumulatorContractTest.class.getClassLoader());
            if (Accumulator.class.isAssignableFrom(type) && Modifier.isPublic(type.getModifiers())
                    && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every fixture of every {@code *AccumulatorFixtures} class of the tests. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<AccumulatorFixture> fixtures() throws Exception {
        List<AccumulatorFixture> fixtures = new ArrayList<>();
        for (String name : classNames(classRoot(AccumulatorContractTest.class))) {
            if (name.endsWith("AccumulatorFixtures")) {
                Class<?> type = Class.forName(name);
                var method = type.getDeclaredMethod("fixtures");
                method.setAccessible(true);
                fixtures.addAll((List<AccumulatorFixture>) method.invoke(null));
            }
        }
        return fixtures;
    }

    private static Path classRoot(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).filter(p -> p.endsWith(".class"))
                    .filter(p -> !p.contains("package-info") && !p.contains("module-info"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted().collect(Collectors.toList());
        }
    }
}
