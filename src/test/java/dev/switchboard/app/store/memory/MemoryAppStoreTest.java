package dev.switchboard.app.store.memory;

import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStoreContract;
import java.util.List;

/** The memory driver keeps the app store contract. */
class MemoryAppStoreTest extends AppStoreContract {
  private final MemoryAppStore store = new MemoryAppStore(List.of());

  @Override
  protected AppStore store() {
    return store;
  }

  @Override
  protected AppAdmin admin() {
    return store;
  }
}
