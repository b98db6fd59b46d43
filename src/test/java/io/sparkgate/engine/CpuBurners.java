package io.sparkgate.engine;

import java.util.ArrayList;
import java.util.List;

/** Threads that keep every core busy until closed: a starved machine for the length of a test. */
final class CpuBurners implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  /** Written so that the busy loop is not optimised away. */
  volatile long sink;

  private CpuBurners(int count) {
    for (int i = 0; i < count; i++) {
      Thread thread = new Thread(this::burn, "cpu-burner-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  static CpuBurners onEveryCore() {
    return new CpuBurners(Runtime.getRuntime().availableProcessors());
  }

  private void burn() {
    long x = 1;
    while (running) {
      for (int i = 0; i < 100_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      sink = x;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
