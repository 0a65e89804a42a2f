package org.loyaltymetrics.examples.cli;

import java.util.concurrent.Callable;
import org.loyaltymetrics.examples.demo.DemoReport;
import picocli.CommandLine.Command;

/** {@code demo}: the KPI report over the sample data bundled in the jar. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Prints a KPI report over the sample data bundled in the jar.",
        description = "Prints a readable KPI report over sample data bundled in the jar.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(DemoReport.render());
        return 0;
    }
}
