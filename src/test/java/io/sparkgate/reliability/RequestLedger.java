package io.sparkgate.reliability;

import io.sparkgate.server.RequestTrace;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request of a load run, by an id the client sends in a header: when the client queued,
 * sent and got the answer to it, and which steps the server took for it ({@link RequestTrace}).
 * A request without an answer then shows where it was lost.
 */
final class RequestLedger implements RequestTrace {
  static final String HEADER = "X-Load-Id";

  /** The client's steps. */
  enum ClientStep { QUEUED, CONNECTION, WRITTEN, RESPONSE, ANSWERED, FAILED }

  /** One request's steps, nanoTime stamps; the first time each step was seen. */
  static final class Entry {
    final long id;
    final Map<ClientStep, Long> client = new EnumMap<>(ClientStep.class);
    final Map<Step, Long> server = new EnumMap<>(Step.class);
    volatile String failure;

    Entry(long id) {
      this.id = id;
    }

    synchronized void client(ClientStep step) {
      client.putIfAbsent(step, System.nanoTime());
    }

    synchronized void server(Step step) {
      server.putIfAbsent(step, System.nanoTime());
    }

    synchronized boolean answered() {
      return client.containsKey(ClientStep.ANSWERED);
    }

    /** Where an unanswered request was lost. */
    synchronized String lostWhere() {
      if (server.isEmpty()) {
        return "never reached the server";
      }
      if (!server.containsKey(Step.RESPONSE_WRITTEN)) {
        return "received, no answer written";
      }
      return client.containsKey(ClientStep.RESPONSE) ? "answer written, client read its head only" : "answer written, not received";
    }

    synchronized String describe(long origin) {
      StringBuilder text = new StringBuilder("request ").append(id).append(": client");
      client.forEach((step, at) -> text.append(' ').append(step).append('@').append((at - origin) / 1_000_000).append("ms"));
      text.append("; server");
      if (server.isEmpty()) {
        text.append(" (never seen)");
      }
      server.forEach((step, at) -> text.append(' ').append(step).append('@').append((at - origin) / 1_000_000).append("ms"));
      if (failure != null) {
        text.append("; failure ").append(failure);
      }
      return text.toString();
    }
  }

  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  final long origin = System.nanoTime();

  Entry open() {
    Entry entry = new Entry(ids.incrementAndGet());
    entries.put(entry.id, entry);
    entry.client(ClientStep.QUEUED);
    return entry;
  }

  @Override
  public void on(Step step, HttpServerRequest request) {
    String id = request.getHeader(HEADER);
    if (id == null) {
      return;
    }
    Entry entry = entries.computeIfAbsent(Long.parseLong(id), Entry::new);
    entry.server(step);
  }

  List<Entry> unanswered() {
    List<Entry> missing = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (!entry.answered()) {
        missing.add(entry);
      }
    }
    missing.sort((a, b) -> Long.compare(a.id, b.id));
    return missing;
  }

  int size() {
    return entries.size();
  }
}
