package dev.switchboard.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The contract on the in-process driver; "workers" are consumers of one shared instance. */
class MemoryJobQueueTest extends JobQueueContract {
  private JobQueue shared;

  @Override
  protected ObjectNode driverConfig() {
    return JSON.createObjectNode().put("driver", "memory");
  }

  @Override
  protected JobQueue open() throws Exception {
    if (shared == null) {
      shared = super.open();
    }
    return shared;
  }

  @Override
  protected void cleanup(java.util.Set<String> topics) {
    shared = null;
  }
}
