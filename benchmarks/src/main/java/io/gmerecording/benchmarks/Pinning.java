package io.gmerecording.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts a server JVM and this process's client threads on different CPUs with {@code taskset}, where the machine has
 * it and at least two CPUs, so that a drift of one CPU's speed or a server thread's burst lands on no client alone.
 * Threads made after {@link #clientsOnFirstCpu()} inherit the affinity of the thread that made them.
 */
final class Pinning {

    /** Read once, before any pinning: a pinned JVM reports only the CPUs it may use. */
    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    private static final boolean AVAILABLE = CPUS >= 2 && taskset("-V");

    private Pinning() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /** The command to start a server JVM with, on the last CPU when pinning is available. */
    static List<String> serverCommand(List<String> command) {
        List<String> pinned = new ArrayList<>();
        if (AVAILABLE) {
            pinned.add("taskset");
            pinned.add("-c");
            pinned.add(Integer.toString(CPUS - 1));
        }
        pinned.addAll(command);
        return pinned;
    }

    /** Every thread of this JVM on the CPUs but the server's. */
    static void clientsOnFirstCpu() {
        if (AVAILABLE) {
            taskset("-a", "-p", "-c", "0-" + (CPUS - 2),
                    Long.toString(ProcessHandle.current().pid()));
        }
    }

    /** Every thread of this JVM back on every CPU. */
    static void release() {
        if (AVAILABLE) {
            taskset("-a", "-p", "-c", "0-" + (CPUS - 1),
                    Long.toString(ProcessHandle.current().pid()));
        }
    }

    private static boolean taskset(String... args) {
        List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
