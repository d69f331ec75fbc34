package dev.clinigate.contracts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks CSV records in batches, column by column: on the calling thread, or on worker threads while
 * the calling thread parses the next records.
 *
 * <p>Design note (speed): rows interleave twenty columns, each with its own tables (bin edges and
 * bucket indexes of drift histograms, distinct-value sets); checked row by row they evict one another
 * from the CPU caches. The calling thread therefore copies each record into a batch of {@value #ROWS}
 * rows, and a full batch is checked one column at a time, so that each column's tables stay warm.
 *
 * <p>Design note (determinism): the calling thread computes each row's group ids itself and stores
 * them with the record. With worker threads, each worker owns a fixed subset of the columns and checks
 * its columns' values of the batch in row order; whole-row work (the primary key) is one more task
 * per batch. Every piece of state is therefore touched by one thread at a time, in the same order as
 * on one thread, and the result is identical whatever the number of threads. Two batches alternate:
 * the parser fills one while the workers check the other, so memory stays at two batches. A worker's
 * exception (an {@link Error}, or a bug) is rethrown on the calling thread.
 */
final class ColumnBatches implements AutoCloseable {
  /** Rows per batch. */
  static final int ROWS = 1024;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ColumnState[] states;
  private final int groups;
  private final int threads;
  private final ExecutorService pool;
  private final RowTask rowTask;
  private Batch filling;
  private Batch spare;
  private final List<Future<?>> inFlight = new ArrayList<>();

  /** Work over whole rows of a batch (the primary key), run as one more task per batch. */
  interface RowTask {
    /** Handles {@code count} rows whose field i of row r spans {@code [starts[r*w+i], ends[r*w+i])}. */
    void rows(char[] chars, int[] starts, int[] ends, long[] rows, int count);
  }

  ColumnBatches(ColumnState[] states, int groups, int threads, RowTask rowTask) {
    this.rowTask = rowTask;
    this.states = states;
    this.groups = groups;
    this.threads = threads;
    if (threads > 1) {
      int pool = POOLS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "clinigate-check-" + pool + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } else {
      this.pool = null; // one thread: batches are checked on the calling thread
    }
    this.filling = new Batch(states.length, groups);
    this.spare = new Batch(states.length, groups);
  }

  /** Copies the parser's current record (with its group ids) into the batch being filled. */
  void add(CsvParser p, long row, int[] groupIds, Runnable atSafePoint) {
    if (!filling.add(p, row, groupIds)) {
      handOver(atSafePoint);
      if (!filling.add(p, row, groupIds)) {
        throw new IllegalStateException("a record does not fit an empty batch");
      }
    }
    if (filling.count == ROWS) {
      handOver(atSafePoint);
    }
  }

  /** Checks everything still batched and waits for it. */
  void drain() {
    handOver(() -> { });
    await();
  }

  /**
   * Waits for the batch in flight, runs {@code atSafePoint} (no worker is running then), and hands the
   * filled batch to the workers.
   */
  private void handOver(Runnable atSafePoint) {
    await();
    atSafePoint.run();
    if (filling.count == 0) {
      return;
    }
    Batch batch = filling;
    filling = spare;
    spare = batch;
    if (pool == null) {
      check(batch, 0);
      if (rowTask != null) {
        rowTask.rows(batch.chars, batch.starts, batch.ends, batch.rows, batch.count);
      }
      spare.clear();
      return;
    }
    for (int k = 0; k < threads; k++) {
      int first = k;
      inFlight.add(pool.submit(() -> check(batch, first)));
    }
    if (rowTask != null) {
      inFlight.add(pool.submit(() -> rowTask.rows(batch.chars, batch.starts, batch.ends, batch.rows, batch.count)));
    }
  }

  private void check(Batch b, int first) {
    int w = states.length;
    for (int i = first; i < w; i += threads) {
      ColumnState st = states[i];
      for (int r = 0; r < b.count; r++) {
        st.text(b.chars, b.starts[r * w + i], b.ends[r * w + i], b.rows[r], b.groupIds, r * groups);
      }
    }
  }

  private void await() {
    try {
      for (Future<?> f : inFlight) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      inFlight.clear();
    }
    spare.clear();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Records copied out of the parser's buffer, with their field ranges, row numbers and group ids. */
  private static final class Batch {
    private final int width;
    private final int groups;
    char[] chars = new char[1 << 17];
    int length;
    int count;
    final int[] starts;
    final int[] ends;
    final long[] rows = new long[ROWS];
    final int[] groupIds;

    Batch(int width, int groups) {
      this.width = width;
      this.groups = groups;
      this.starts = new int[ROWS * width];
      this.ends = new int[ROWS * width];
      this.groupIds = new int[ROWS * groups];
    }

    /** Adds the record, or returns false when the batch has rows and no room for it. */
    boolean add(CsvParser p, long row, int[] groupIds) {
      int from = p.start(0);
      int len = p.end(width - 1) - from;
      if (length + len > chars.length) {
        if (count > 0) {
          return false;
        }
        chars = new char[Math.max(len, chars.length * 2)];
      }
      System.arraycopy(p.buffer(), from, chars, length, len);
      int shift = length - from;
      int at = count * width;
      for (int i = 0; i < width; i++) {
        starts[at + i] = p.start(i) + shift;
        ends[at + i] = p.end(i) + shift;
      }
      System.arraycopy(groupIds, 0, this.groupIds, count * groups, groups);
      rows[count++] = row;
      length += len;
      return true;
    }

    void clear() {
      count = 0;
      length = 0;
    }
  }
}
