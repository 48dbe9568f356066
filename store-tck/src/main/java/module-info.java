/**
 * The conformance kit for Ward's storage SPIs: abstract JUnit Jupiter classes that a store
 * implementation subclasses once, in its tests (see the package {@code dev.ward.store.tck}).
 */
module dev.ward.store.tck {
    requires transitive dev.ward.store;
    // The kits carry JUnit's annotations, and their subclasses are JUnit tests.
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.ward.store.tck;
    // JUnit Jupiter instantiates the kits' package-private classes and calls their
    // package-private test methods reflectively.
    opens dev.ward.store.tck to org.junit.platform.commons;
}
