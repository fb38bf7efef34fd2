package jp.anzen.assessment.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Re-saves a workbook with the real LibreOffice (Debian's {@code soffice}, installed by deploy/anzen.sh test), as a
 * user who fills the form in LibreOffice Calc would, in a profile of its own so that no running instance interferes.
 */
final class LibreOffice {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private LibreOffice() {
    }

    static byte[] resave(byte[] workbook) throws Exception {
        String soffice = List.of("/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new AssertionError("LibreOffice is not installed: run 'bash deploy/anzen.sh tools'"
                        + " (Debian's libreoffice-calc-nogui)"));
        Path dir = Files.createTempDirectory("anzen-lo");
        try {
            Path in = Files.createDirectories(dir.resolve("in")).resolve("form.xlsx");
            Files.write(in, workbook);
            Path out = Files.createDirectories(dir.resolve("out"));
            Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
                    "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.toString(), in.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("LibreOffice did not finish within " + TIMEOUT);
            }
            Path resaved = out.resolve("form.xlsx");
            if (p.exitValue() != 0 || !Files.exists(resaved)) {
                throw new AssertionError("LibreOffice failed (" + p.exitValue() + "): " + Files.readString(dir.resolve("soffice.log")));
            }
            byte[] bytes = Files.readAllBytes(resaved);
            if (java.util.Arrays.equals(bytes, workbook)) {
                throw new AssertionError("LibreOffice returned the file unchanged");
            }
            return bytes;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
