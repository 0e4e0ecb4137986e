package io.dataivr.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the machine's CPU time went during a phase (Linux /proc): the adapter, this load generator,
 * PostgreSQL, and everything else. Told per message, it shows whether the generator shares the
 * cores fairly and what a navigation message costs each side against an echo.
 */
final class CpuShare {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private final long adapterPid;

    CpuShare(long adapterPid) {
        this.adapterPid = adapterPid;
    }

    /** CPU ticks used so far: adapter, generator, PostgreSQL, whole machine (busy, all cores). */
    record Sample(long adapter, long generator, long postgres, long machine) {
    }

    Sample sample() {
        return new Sample(adapterPid > 0 ? processTicks(adapterPid) : 0, processTicks(ProcessHandle.current().pid()),
                postgresTicks(), machineBusyTicks());
    }

    /** One table cell: microseconds of CPU per message for each part, between two samples. */
    static String perMessage(Sample before, Sample after, double messages) {
        double adapter = micros(after.adapter - before.adapter, messages);
        double generator = micros(after.generator - before.generator, messages);
        double postgres = micros(after.postgres - before.postgres, messages);
        double machine = micros(after.machine - before.machine, messages);
        return String.format(Locale.ROOT, "adapter %.0f, generator %.0f, PostgreSQL %.0f, rest of machine %.0f",
                adapter, generator, postgres, Math.max(0, machine - adapter - generator - postgres));
    }

    private static double micros(long ticks, double messages) {
        return messages <= 0 ? 0 : ticks / TICKS_PER_SECOND * 1e6 / messages;
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgresTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).startsWith("postgres")) {
                        ticks += processTicks(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    private static long machineBusyTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
