package io.sparkgate.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The server's JVM seen from outside through the attach API and its local JMX agent: a full GC on
 * request, then heap in use, live threads and open file descriptors, without a JVM started per
 * sample.
 */
final class ServerJvm implements AutoCloseable {
  /** What the JVM holds right after a full GC. */
  record State(double heapUsedBytes, int liveThreads, long openFileDescriptors) {}

  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final ThreadMXBean threads;
  private final OperatingSystemMXBean system;

  private ServerJvm(JMXConnector connector) throws IOException {
    this.connector = connector;
    MBeanServerConnection server = connector.getMBeanServerConnection();
    this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
    this.system = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
        UnixOperatingSystemMXBean.class);
  }

  static ServerJvm attach(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
    try {
      String address = vm.startLocalManagementAgent();
      return new ServerJvm(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    } finally {
      vm.detach();
    }
  }

  /** System.gc() in the server, then its state. */
  State afterFullGc() {
    memory.gc();
    long fds = system instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    return new State(memory.getHeapMemoryUsage().getUsed(), threads.getThreadCount(), fds);
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
