/**
 * Thread-safe in-memory implementations of Ward's stores, for tests, demos and single-node
 * applications. Nothing survives a restart and nothing is shared between processes.
 */
module dev.ward.store.memory {
    requires transitive dev.ward.store;

    exports dev.ward.store.memory;
}
