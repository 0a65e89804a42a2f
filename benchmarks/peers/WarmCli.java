import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommand;

/**
 * The warm figures of the command line: runs one command N times in this JVM, as a long-lived process
 * (a notebook kernel, a server) would, with standard output to /dev/null, and prints the wall time of
 * each run in seconds on standard error, one a line, as rfm_lifetimes.py --repeat does.
 *
 *     java -cp metrics-examples/target/loyalty-metrics.jar benchmarks/peers/WarmCli.java N COMMAND ARGS...
 */
public class WarmCli {
    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        PrintStream err = System.err;
        try (PrintStream devNull = new PrintStream(new FileOutputStream("/dev/null"), false, Charset.defaultCharset())) {
            System.setOut(devNull);
            System.setErr(devNull);
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                int status = LoyaltyMetricsCommand.run(command);
                long end = System.nanoTime();
                if (status != 0) {
                    throw new IllegalStateException("exit status " + status);
                }
                err.printf("%.4f%n", (end - start) / 1e9);
            }
        }
    }
}
