package io.sparkgate.report;

/** What one policy says of one object: its worst status and the message that goes with it. */
public record Finding(String policy, ScanStatus status, String message) {}
