package io.sparkgate.audit;

/** The scan record an admitted image was checked against: its digest, scan time and signing key. */
public record ImageEvidence(String image, String digest, String scannedAt, String keyId) {}
