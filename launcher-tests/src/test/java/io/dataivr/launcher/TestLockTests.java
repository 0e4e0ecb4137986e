package io.dataivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The machine-wide lock of {@code ./dataivr test} (scripts/lib/common.sh) ends with the run that took it:
 * the daemons a run starts (Asterisk, Redis, PostgreSQL, baresip phones) must not inherit its descriptor,
 * or they hold the lock for as long as they run and the next {@code ./dataivr test} on the machine waits
 * forever. These tests run inside such a run, whose infrastructure step started whatever was missing.
 */
class TestLockTests {

    private static final Path LOCK = Path.of(System.getenv().getOrDefault("DATAIVR_CACHE", "/var/cache/dataivr"),
            "test.lock");
    private static final Set<String> DAEMONS = Set.of("asterisk", "redis-server", "postgres", "baresip");

    record Daemon(long pid, String name, boolean holdsTheLock) {
    }

    @Test
    void noDaemonOfTheStackHoldsTheTestLock() throws IOException {
        assertThat(LOCK).as("the test lock of the ./dataivr test running these tests").exists();
        List<Daemon> daemons = daemons();
        assertThat(daemons).as("the stack's daemons found in /proc").extracting(Daemon::name).contains("asterisk");
        assertThat(daemons).as("daemons holding %s (a later ./dataivr test would wait for them)", LOCK)
                .filteredOn(Daemon::holdsTheLock).isEmpty();
    }

    private static List<Daemon> daemons() throws IOException {
        List<Daemon> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String name = read(process.resolve("comm"));
                if (name != null && DAEMONS.contains(name)) {
                    found.add(new Daemon(Long.parseLong(process.getFileName().toString()), name, holdsLock(process)));
                }
            }
        }
        return found;
    }

    private static boolean holdsLock(Path process) throws IOException {
        try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
            return descriptors.anyMatch(fd -> LOCK.toString().equals(target(fd)));
        } catch (NoSuchFileException e) {
            return false; // the process ended meanwhile
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            return null; // closed meanwhile
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return null; // the process ended meanwhile
        }
    }
}
