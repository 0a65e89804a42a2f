package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The package layering of ARCHITECTURE.md, read from the compiled classes by {@code jdeps}: each
 * package uses only the packages its row allows. The KPI families and the models share input types
 * through {@code data}, never each other (but for the two layers built on one: {@code churn} on {@code model},
 * {@code programme} on {@code retention}); {@code internal} imports nothing exported but the root
 * package, so that there is no cycle between it and the rest.
 */
class ArchitectureTest {

    private static final String ROOT = "org.loyaltymetrics";
    private static final Set<String> FOUNDATION = Set.of(ROOT, ROOT + ".internal", ROOT + ".stats", ROOT + ".money",
            ROOT + ".time", ROOT + ".table");
    private static final Set<String> BELOW_FAMILIES = union(FOUNDATION, Set.of(ROOT + ".data", ROOT + ".internal.optim"));

    /** What each package may use, besides itself and java.*. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry(ROOT, Set.of()),
            Map.entry(ROOT + ".internal", Set.of(ROOT)),
            Map.entry(ROOT + ".internal.optim", Set.of(ROOT, ROOT + ".internal")),
            Map.entry(ROOT + ".stats", Set.of(ROOT, ROOT + ".internal")),
            Map.entry(ROOT + ".money", Set.of(ROOT, ROOT + ".internal")),
            Map.entry(ROOT + ".time", Set.of(ROOT, ROOT + ".internal")),
            Map.entry(ROOT + ".table", Set.of(ROOT, ROOT + ".internal")),
            Map.entry(ROOT + ".data", FOUNDATION),
            Map.entry(ROOT + ".survey", BELOW_FAMILIES),
            Map.entry(ROOT + ".retention", BELOW_FAMILIES),
            Map.entry(ROOT + ".behavior", BELOW_FAMILIES),
            Map.entry(ROOT + ".value", BELOW_FAMILIES),
            Map.entry(ROOT + ".model", BELOW_FAMILIES),
            Map.entry(ROOT + ".churn", union(BELOW_FAMILIES, Set.of(ROOT + ".model"))),
            Map.entry(ROOT + ".programme", union(BELOW_FAMILIES, Set.of(ROOT + ".retention"))));

    @Test
    void everyPackageUsesOnlyThePackagesItsLayerAllows() throws URISyntaxException {
        Map<String, Set<String>> uses = packageDependencies();
        assertThat(ALLOWED.keySet()).as("every package of the core has a row").containsAll(uses.keySet());
        Map<String, Set<String>> violations = new TreeMap<>();
        uses.forEach((from, targets) -> targets.stream().filter(to -> !to.equals(from) && !ALLOWED.get(from).contains(to))
                .forEach(to -> violations.computeIfAbsent(from, k -> new TreeSet<>()).add(to)));
        assertThat(violations).as("dependencies the layering does not allow").isEmpty();
    }

    @Test
    void theModelsAndValueUseNothingOfBehavior() throws URISyntaxException {
        Map<String, Set<String>> uses = packageDependencies();
        assertThat(uses.getOrDefault(ROOT + ".model", Set.of())).doesNotContain(ROOT + ".behavior");
        assertThat(uses.getOrDefault(ROOT + ".value", Set.of())).doesNotContain(ROOT + ".behavior");
    }

    /** {@code jdeps -verbose:package} of the compiled classes: package to the library packages it uses. */
    private static Map<String, Set<String>> packageDependencies() throws URISyntaxException {
        Path classes = Path.of(Accumulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        assertThat(status).as(out.toString()).isZero();
        Map<String, Set<String>> uses = new TreeMap<>();
        // Package lines are indented under their module's summary line ("org.loyaltymetrics.core -> java.base").
        out.toString().lines().filter(line -> line.startsWith(" ") && line.contains("->")).map(String::strip).forEach(line -> {
            String[] parts = line.split("\\s+");
            if (parts.length >= 3 && parts[0].startsWith(ROOT) && parts[1].equals("->")) {
                Set<String> targets = uses.computeIfAbsent(parts[0], k -> new TreeSet<>());
                if (parts[2].startsWith(ROOT)) {
                    targets.add(parts[2]);
                }
            }
        });
        assertThat(uses).as("jdeps found the library's packages").containsKey(ROOT + ".stats");
        return uses;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
