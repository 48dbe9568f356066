/**
 * Micrometer meters of Ward: log-ins by outcome, refreshes, reuse detections and lock-outs,
 * counted from Ward's events, and timers for log-in and refresh.
 */
package dev.ward.spring.metrics;
