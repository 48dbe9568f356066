/**
 * Ward at work: {@link dev.ward.examples.WardServer}, the tutorial's REST API served by Ward on
 * Javalin and runnable as one jar ({@link dev.ward.examples.Main}), configured by
 * {@link dev.ward.examples.ServerConfig}; and {@link dev.ward.examples.QuickStart}, the README's
 * plain-Java quick start.
 */
package dev.ward.examples;
