package io.postflow.examples.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlReader;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Figures for the production-data readers: generates an EDL of 100,000 events and a shot list of
 * 100,000 rows in a temporary folder, parses each a few times to warm up, then reports the median
 * CPU time of the parsing thread and wall time of several runs, and the peak heap used during a run (the sum of the heap pools' peak usage
 * after a GC and a peak reset, minus the heap in use before) and the heap the result keeps after
 * a GC. Not a test: run it by hand, see
 * {@code docs/benchmarks-production-data.md}.
 *
 * <p>The shot list is also read, in the same run and from the same file, by FastCSV
 * ({@code de.siegmar:fastcsv}, a well-known fast Java CSV parser): once only splitting the cells,
 * once keeping every record, so the ratio of the two readers is printed beside the figures.
 *
 * <p>Arguments (all optional): {@code [rows] [warm-up runs] [measured runs]
 * [all|edl|csv|reconciliation|shotlist]}, default {@code 100000 3 7 all}; {@code shotlist} runs the
 * shot-list reader alone, so that a small {@code -Xmx} shows the heap it needs.
 */
public final class ProductionDataBenchmark {
  private static final FrameRate RATE = FrameRate.FPS_25;
  /** Twenty frames a shot keeps 100,000 shots inside one 24-hour timecode day at 25 fps. */
  private static final int FRAMES_PER_SHOT = 20;

  private ProductionDataBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    String which = args.length > 3 ? args[3] : "all";
    Path dir = Files.createTempDirectory("postflow-bench");
    try {
      Path edlUtf8 = dir.resolve("cut_utf8.edl");
      Path edlMacRoman = dir.resolve("cut_macroman.edl");
      Path csv = dir.resolve("shots.csv");
      writeEdl(edlUtf8, rows, false);
      writeEdl(edlMacRoman, rows, true);
      writeShotList(csv, rows);
      System.out.printf("Java %s, %s, %d processors, max heap %d MiB%n",
          System.getProperty("java.version"), System.getProperty("java.vm.name"),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf("rows %d, warm-up runs %d, measured runs %d%n%n", rows, warmups, runs);
      System.out.println("| input | size | median CPU | median wall | min wall | max wall | peak heap during a run | result retained |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      BenchReport report = BenchReport.of(String.format(Locale.ROOT,
          "Production data: EDL and shot list readers, %,d rows", rows), ProductionDataBenchmark.class, args)
          .explainedIn("benchmarks-production-data.md");
      EdlReader edlReader = EdlReader.builder().rate(RATE).build();
      ShotListReader csvReader = ShotListReader.builder().rate(RATE).build();
      if (which.equals("all") || which.equals("edl")) {
        long utf8 = measure("EDL, UTF-8, " + rows + " events", edlUtf8, warmups, runs, () -> edlReader.read(edlUtf8));
        long macRoman = measure("EDL, one Mac Roman line, " + rows + " events", edlMacRoman, warmups, runs,
            () -> edlReader.read(edlMacRoman));
        report.value("EDL, UTF-8: median CPU", utf8 / 1_000_000 + " ms")
            .value("EDL with one Mac Roman line: median CPU", macRoman / 1_000_000 + " ms");
      }
      if (which.equals("shotlist")) {
        // The reader alone, nothing else kept: run with -Xmx set to a multiple of the file size
        // to show the heap it really needs (the peak above counts garbage a large heap leaves).
        measure("shot list CSV, " + rows + " rows", csv, warmups, runs, () -> csvReader.read(csv));
        return;
      }
      if (which.equals("all") || which.equals("csv")) {
        long ours = measure("shot list CSV, " + rows + " rows", csv, warmups, runs, () -> csvReader.read(csv));
        long cells = measure("FastCSV, same file, cells only", csv, warmups, runs,
            () -> fastCsvCells(csv));
        long records = measure("FastCSV, same file, every record kept", csv,
            warmups, runs, () -> fastCsvRecords(csv));
        System.out.printf("%nshot list reader / FastCSV median CPU: %.1fx (cells only), %.1fx (records kept)%n",
            (double) ours / cells, (double) ours / records);
        report.compare("shot list CSV: median CPU, ms", ours / 1e6, "FastCSV, same file, cells only", cells / 1e6,
                "%.0f")
            .compare("shot list CSV: median CPU, ms", ours / 1e6, "FastCSV, same file, every record kept",
                records / 1e6, "%.0f");
      }
      Edl edl = edlReader.read(edlUtf8);
      ShotList list = csvReader.read(csv);
      if (which.equals("all") || which.equals("reconciliation")) {
        long reconciliation = measure("reconciliation, " + rows + " x " + rows, null, warmups, runs,
            () -> Reconciliation.of(list, edl));
        report.value("reconciliation, shot list x EDL: median CPU", reconciliation / 1_000_000 + " ms");
      }
      Reconciliation r = Reconciliation.of(list, edl);
      System.out.printf("%nchecks: %d events, %d warnings; %d shots, %d scenes; %d matched, %d changed%n",
          edl.events().size(), edl.warnings().size(), list.shots().size(), list.scenes().size(),
          r.matches().size(), r.changed().size());
      report.note(String.format(Locale.ROOT, "Medians of %d runs after %d warm-up runs, CPU time of the reading"
          + " thread. The shot list reader does more than split cells (columns, timecodes, scenes, checks);"
          + " FastCSV is the floor of any CSV reading.", runs, warmups)).appendIfRequested();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Splits every cell of the file and counts them: what any CSV reading costs at least. */
  private static Object fastCsvCells(Path csv) {
    long cells = 0;
    try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).ofCsvRecord(csv)) {
      for (CsvRecord record : reader) {
        cells += record.getFieldCount();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cells;
  }

  /** Keeps every record (its cells as strings): the least a reader that returns rows holds. */
  private static Object fastCsvRecords(Path csv) {
    List<List<String>> records = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).ofCsvRecord(csv)) {
      for (CsvRecord record : reader) {
        records.add(record.getFields());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  /** Prints one row of the table and returns the median CPU time in nanoseconds. */
  private static long measure(String name, Path file, int warmups, int runs, Supplier<Object> work) {
    for (int i = 0; i < warmups; i++) {
      work.get();
    }
    long[] nanos = new long[runs];
    long[] cpu = new long[runs];
    long peak = 0;
    long retained = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      System.gc();
      long before = heapUsed();
      resetPeaks();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Object result = work.get();
      nanos[i] = System.nanoTime() - start;
      cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
      peak = Math.max(peak, heapPeak() - before);
      System.gc();
      retained = Math.max(retained, heapUsed() - before);
      if (result == null) {
        throw new IllegalStateException("no result");
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    String size;
    try {
      size = file == null ? "-" : String.format("%.1f MiB", Files.size(file) / 1048576.0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf("| %s | %s | %d ms | %d ms | %d ms | %d ms | %d MiB | %d MiB |%n", name, size,
        cpu[runs / 2] / 1_000_000, nanos[runs / 2] / 1_000_000, nanos[0] / 1_000_000,
        nanos[runs - 1] / 1_000_000, peak >> 20, retained >> 20);
    return cpu[runs / 2];
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pools.add(pool);
      }
    }
    return pools;
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long heapPeak() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long heapUsed() {
    return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static void writeEdl(Path file, int events, boolean oneMacRomanLine) throws IOException {
    Charset macRoman = Charset.forName("x-MacRoman");
    try (var out = Files.newOutputStream(file)) {
      StringBuilder b = new StringBuilder("TITLE: BENCH\r\nFCM: NON-DROP FRAME\r\n\r\n");
      for (int i = 0; i < events; i++) {
        Timecode in = Timecode.ofFrames((long) i * FRAMES_PER_SHOT, RATE, false);
        Timecode out2 = in.plus(FRAMES_PER_SHOT);
        Timecode src = Timecode.ofFrames(36_000L * 25 + i % 5000, RATE, false);
        String n = String.format("%06d", i + 1);
        if (i % 50 == 49) {
          b.append(n).append("  A001C00").append(i % 10).append(" V     C        ").append(src).append(' ')
              .append(src).append(' ').append(in).append(' ').append(in).append(" \r\n");
          b.append(n).append("  A001C00").append(i % 10).append(" V     D    010 ").append(src).append(' ')
              .append(src.plus(FRAMES_PER_SHOT)).append(' ').append(in).append(' ').append(out2).append(" \r\n");
          b.append("* FROM CLIP NAME: CLIP_").append(i - 1).append(".mxf\r\n");
          b.append("* TO CLIP NAME: CLIP_").append(i).append(".mxf\r\n");
        } else {
          b.append(n).append("  A001C00").append(i % 10).append(" V     C        ").append(src).append(' ')
              .append(src.plus(FRAMES_PER_SHOT)).append(' ').append(in).append(' ').append(out2).append(" \r\n");
          b.append("* FROM CLIP NAME: CLIP_").append(i).append(".mxf\r\n");
        }
        if (i % 100 == 0) {
          b.append("M2   A001C00").append(i % 10).append(" 050.0                      ").append(src).append(" \r\n");
          b.append("* LOC: ").append(in).append(" RED     check ").append(i).append("\r\n");
        }
        b.append("\r\n");
        if (b.length() > 1 << 16) {
          out.write(b.toString().getBytes(StandardCharsets.UTF_8));
          b.setLength(0);
        }
        if (oneMacRomanLine && i == events / 2) {
          out.write(b.toString().getBytes(StandardCharsets.UTF_8));
          b.setLength(0);
          out.write("* COMMENT: restaur\u00e9e\r\n".getBytes(macRoman));
        }
      }
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void writeShotList(Path file, int rows) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("\uFEFFPLAN,VIGNETTE,SEQUENCE,TC IN,TC OUT,TC IN SOURCE,TC OUT SOURCE,DURÉE,SOURCE NAME,"
          + "Doublons,NOMENCLATURE PLAN,LUT,GRAPHISTE,COMMENTAIRE,GRAPH VALIDÉ PAR PROD,VERIF TECHNIQUE,"
          + "MISE À DISPO EN MONTAGE\r\n");
      for (int i = 0; i < rows; i++) {
        // One shot in a hundred is trimmed by five frames against the cut, so reconciliation has
        // clip-and-overlap work to do, not only exact positions.
        long start = (long) i * FRAMES_PER_SHOT + (i % 100 == 7 ? 5 : 0);
        Timecode in = Timecode.ofFrames(start, RATE, false);
        Timecode out = Timecode.ofFrames((long) (i + 1) * FRAMES_PER_SHOT, RATE, false);
        String scene = (i / 500 % 2 == 0 ? "SCENE " : "SCENE - ") + (i / 1000);
        String comment = i % 10 == 0 ? "\"Note, avec virgule et \"\"guillemets\"\"\"" : "";
        // The same source range as the cut's event, so only the trimmed shots differ.
        Timecode src = Timecode.ofFrames(36_000L * 25 + i % 5000, RATE, false);
        w.write(String.format("%06d,,%s,%s,%s,%s,%s,%s,CLIP_%d.mov%s,%s,KRAK_%06d,,,%s,FALSE,FALSE,FALSE\r\n",
            i + 1, scene, in, out, src, src.plus(FRAMES_PER_SHOT),
            Timecode.ofFrames(in.framesUntil(out), RATE, false), i,
            i % 1000 == 3 ? "Caméra multiple" : "", i % 3 == 0 ? "Doublon" : "", i + 1, comment));
      }
    }
  }
}
