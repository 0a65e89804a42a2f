package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.stats.Proportion;

/**
 * The module descriptor is part of the API: the core reads nothing but {@code java.base} (no
 * runtime dependency can sneak in through {@code requires}) and exports the API packages only.
 */
class ModuleDescriptorTest {

    @Test
    void coreRequiresOnlyJavaBaseAndExportsOnlyApiPackages() throws IOException, URISyntaxException {
        Path classes = Path.of(Proportion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("org.loyaltymetrics.core");
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .containsExactly("java.base");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("org.loyaltymetrics", "org.loyaltymetrics.behavior", "org.loyaltymetrics.churn", "org.loyaltymetrics.data",
                        "org.loyaltymetrics.model", "org.loyaltymetrics.money", "org.loyaltymetrics.programme", "org.loyaltymetrics.retention",
                        "org.loyaltymetrics.stats", "org.loyaltymetrics.survey", "org.loyaltymetrics.table",
                        "org.loyaltymetrics.time", "org.loyaltymetrics.value")
                .noneMatch(p -> p.contains("internal"));
        // Every package of the compiled classes is exported, but the internal ones.
        assertThat(descriptor.packages().stream().filter(p -> !p.contains("internal")).collect(Collectors.toSet()))
                .isEqualTo(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void everyExportedPackageHasAPackageInfo() throws IOException, URISyntaxException {
        Path classes = Path.of(Proportion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        // The sources, relative to the module's directory, where the build runs the tests.
        Path sources = Path.of("src", "main", "java");
        for (ModuleDescriptor.Exports exports : descriptor.exports()) {
            assertThat(sources.resolve(exports.source().replace('.', '/')).resolve("package-info.java"))
                    .as("package-info of %s", exports.source()).exists();
        }
    }

    @Test
    void jdepsFindsNoDependencyBeyondJavaBase() throws URISyntaxException {
        // What `jdeps --list-deps` reports for the compiled classes: the JDK modules they use.
        Path classes = Path.of(Proportion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--list-deps", classes.toString());
        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString().strip().lines().map(String::strip)).containsExactly("java.base");
    }
}
