/**
 * TLS material for the admission server.
 *
 * <ul>
 *   <li>{@link io.sparkgate.certs.DevCertificates#ensureServingCertificate} — at {@code serve} start:
 *       generate a development CA and serving pair into an empty directory, leave an existing pair.
 *   <li>{@link io.sparkgate.certs.TlsMaterial#load} — at start and on every reload: read
 *       {@code tls.crt}/{@code tls.key}, normalise the key to PKCS#8 (Vert.x refuses SEC1), and refuse
 *       a pair whose key is not the certificate's. On refusal, keep serving the previous pair.
 *   <li>{@link io.sparkgate.certs.CertificateInfo} — expiry and names of the leaf, for metrics and logs.
 * </ul>
 *
 * <p>Nothing here registers a security provider: BouncyCastle builds and parses ASN.1 and PEM, the
 * JDK's providers generate keys, sign and parse certificates.
 */
package io.sparkgate.certs;
