package io.sparkgate.server;

/** A serving certificate chain and its private key, both PEM, the key as PKCS#8. */
record TlsMaterial(String certificatePem, String privateKeyPem) {}
