package io.postflow.frameio.auth;

import io.postflow.api.PostFlowException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away TLS identity for the loopback redirect listener, made at run time: an EC P-256 key
 * pair and a self-signed X.509 v3 certificate for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, for TLS server authentication only (extendedKeyUsage serverAuth). Adobe only accepts HTTPS redirect URIs, even for localhost, so the listener needs
 * one; the browser shows a warning once, which the user accepts for this one login. The private key
 * never leaves memory.
 */
final class SelfSignedCertificate {
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final byte[] IPV4_LOOPBACK = {127, 0, 0, 1};
  private static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** A new key pair and certificate valid from an hour before {@code now} for {@code validity}. */
  static SelfSignedCertificate generate(Instant now, Duration validity) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair keyPair = generator.generateKeyPair();
      byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
      byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String("localhost"))));
      byte[] altNames = Der.sequence(
          Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
          Der.implicit(7, IPV4_LOOPBACK),
          Der.implicit(7, IPV6_LOOPBACK));
      byte[] extensions = Der.explicit(3, Der.sequence(
          Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(altNames)),
          Der.sequence(Der.oid(BASIC_CONSTRAINTS), Der.bool(true), Der.octetString(Der.sequence())),
          // Apple platforms refuse TLS server certificates whose EKU does not name serverAuth.
          Der.sequence(Der.oid(EXTENDED_KEY_USAGE),
              Der.octetString(Der.sequence(Der.oid(SERVER_AUTH))))));
      byte[] tbs = Der.sequence(
          Der.explicit(0, Der.integer(BigInteger.TWO)),
          Der.integer(new BigInteger(63, random).add(BigInteger.ONE)),
          algorithm,
          name,
          Der.sequence(Der.time(now.minus(Duration.ofHours(1))), Der.time(now.plus(validity))),
          name,
          keyPair.getPublic().getEncoded(),
          extensions);
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keyPair.getPrivate(), random);
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      certificate.verify(keyPair.getPublic());
      return new SelfSignedCertificate(keyPair, certificate);
    } catch (GeneralSecurityException e) {
      throw new PostFlowException("Cannot create a self-signed certificate for the login listener", e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A server-side TLS context presenting this certificate. */
  SSLContext serverContext() {
    try {
      char[] password = new char[0];
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("listener", keyPair.getPrivate(), password,
          new Certificate[] {certificate});
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new PostFlowException("Cannot set up TLS for the login listener", e);
    }
  }
}
