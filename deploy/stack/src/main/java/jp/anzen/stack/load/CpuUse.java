package jp.anzen.stack.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the cores went during a phase: CPU time per process of the run, read from Linux's /proc (utime and stime,
 * with the children that ended: PostgreSQL's backends). Only processes whose command line names the project
 * directory count, and the load tool itself. Elsewhere than Linux it says so and measures nothing.
 */
final class CpuUse {

    /** USER_HZ, the unit of /proc/[pid]/stat times, is 100 on every Linux architecture in use. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC = Path.of("/proc");

    record Sample(Map<String, Long> ticks, long nanos) {
    }

    private CpuUse() {
    }

    static Sample sample(Path projectRoot) {
        Map<String, Long> ticks = new TreeMap<>();
        if (Files.isDirectory(PROC)) {
            long self = ProcessHandle.current().pid();
            Map<Long, long[]> stats = new HashMap<>(); // pid: parent, CPU ticks
            Map<Long, String> names = new HashMap<>();
            try (Stream<Path> entries = Files.list(PROC)) {
                entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                    long pid = Long.parseLong(p.getFileName().toString());
                    long[] stat = stat(p);
                    if (stat != null) {
                        stats.put(pid, stat);
                        String name = pid == self ? "load tool" : name(p, projectRoot.toString());
                        if (name != null) {
                            names.put(pid, name);
                        }
                    }
                });
            } catch (IOException e) {
                return new Sample(Map.of(), System.nanoTime());
            }
            // PostgreSQL's backends retitle themselves: they count as their server's through their parent, a client's
            // under its database, so that the event store's share shows apart from the projections'
            stats.forEach((pid, stat) -> {
                String name = names.get(pid);
                if (name == null && stat[0] != self) {
                    name = names.get(stat[0]);
                    if ("postgres".equals(name)) {
                        name = postgresProcess(commandLine(PROC.resolve(Long.toString(pid))));
                    }
                }
                if (name != null && !(name.equals("load tool") && pid != self)) {
                    ticks.merge(name, stat[1], Long::sum);
                }
            });
        }
        return new Sample(ticks, System.nanoTime());
    }

    /**
     * "assessment-service 52, postgres:assessment 48, … µs per answer (231 in all)": the CPU each process spent
     * between the samples, divided by the units of work done meanwhile; the busiest first.
     */
    static String perUnit(Sample from, Sample to, long units, String unit) {
        if (to.ticks().isEmpty() || units <= 0) {
            return "(not measured)";
        }
        Map<String, Double> micros = microsPerUnit(from, to, units);
        double total = micros.values().stream().mapToDouble(Double::doubleValue).sum();
        return micros.entrySet().stream().filter(e -> e.getValue() >= 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(e -> "%s %.0f".formatted(e.getKey(), e.getValue())).collect(Collectors.joining(", "))
                + " µs per %s (%.0f in all)".formatted(unit, total);
    }

    /** The CPU of every process between the samples per unit of work, in µs; NaN where /proc is not there. */
    static double totalPerUnit(Sample from, Sample to, long units) {
        if (to.ticks().isEmpty() || units <= 0) {
            return Double.NaN;
        }
        return microsPerUnit(from, to, units).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> microsPerUnit(Sample from, Sample to, long units) {
        Map<String, Double> micros = new LinkedHashMap<>();
        to.ticks().forEach((name, ticks) -> micros.put(name,
                (ticks - from.ticks().getOrDefault(name, 0L)) / TICKS_PER_SECOND * 1e6 / units));
        return micros;
    }

    /**
     * A PostgreSQL child by its title: a client's backend ("postgres: user database host state") as
     * "postgres:database", the server's own workers (checkpointer, WAL writer, autovacuum) as "postgres".
     */
    static String postgresProcess(String title) {
        String[] words = title == null ? new String[0] : title.trim().split("\\s+");
        if (words.length >= 4 && words[0].equals("postgres:") && (words[3].contains("(") || words[3].equals("[local]"))) {
            return "postgres:" + words[2];
        }
        return "postgres";
    }

    /** "assessment-service 0.93, gateway 0.64, … cores (of 2)": the busiest first. */
    static String between(Sample from, Sample to) {
        if (to.ticks().isEmpty()) {
            return "(no /proc here: CPU by process not measured)";
        }
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        to.ticks().forEach((name, ticks) -> cores.put(name, (ticks - from.ticks().getOrDefault(name, 0L)) / TICKS_PER_SECOND / seconds));
        return cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue())).collect(Collectors.joining(", "))
                + " cores (of %d)".formatted(Runtime.getRuntime().availableProcessors());
    }

    /** The part of the run a process is, or null for a process of something else. */
    private static String name(Path process, String projectRoot) {
        String command = commandLine(process);
        if (command == null || !command.contains(projectRoot)) {
            return null;
        }
        int app = command.indexOf("/target/quarkus-app/quarkus-run.jar");
        if (app > 0) {
            return command.substring(command.lastIndexOf('/', app - 1) + 1, app);
        }
        for (String server : new String[] { "postgres", "keycloak", "kafka" }) {
            if (command.contains(server)) {
                return server;
            }
        }
        return null;
    }

    /** The command line with spaces between its arguments, or null once the process has ended (or is not ours to read). */
    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return null;
        }
    }

    /** The parent's pid and the CPU ticks (its own and its ended children's), or null once it has ended. */
    private static long[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // fields after the command name in parentheses, which may itself hold spaces: state is field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] { Long.parseLong(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]) };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
