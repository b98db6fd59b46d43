package io.sparkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {
  @Test
  void aFloodBecomesOneLineASecondWithTheCountLeftOut() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.sparkgate.audit.ThrottledLogTest");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      ThrottledLog log = new ThrottledLog(logger);
      for (int i = 0; i < 1_000; i++) {
        log.warn("record {} not written", i);
      }
      assertThat(lines.list).hasSize(1);
      assertThat(lines.list.get(0).getFormattedMessage()).isEqualTo("record 0 not written (0 more since the last report)");
      Thread.sleep(1_100);
      log.error("uid={} denied: {}", "u-1", "disk full");
      assertThat(lines.list).hasSize(2);
      assertThat(lines.list.get(1).getFormattedMessage()).isEqualTo("uid=u-1 denied: disk full (999 more since the last report)");
    } finally {
      logger.detachAppender(lines);
    }
  }
}
