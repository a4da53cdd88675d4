package dev.hangar.adapter.http.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS identity from two PEM files: a certificate chain ({@code BEGIN CERTIFICATE} blocks, the server's
 * own first) and its private key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC. Anything else (a
 * PKCS#1 or SEC1 key, an encrypted key, DER) is refused with a message that says what is accepted and how to
 * convert, and so is a key that does not belong to the certificate. The key's bytes never appear in a message.
 */
public final class PemTls {
  public static final String ACCEPTED = "--tls-key must be an unencrypted PKCS#8 private key in PEM (a '-----BEGIN PRIVATE KEY-----' "
      + "block), RSA or EC; convert another key with: openssl pkcs8 -topk8 -nocrypt -in <key> -out <key.pk8.pem>";
  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private PemTls() {
  }

  /** Thrown when a file cannot be used; the message names the file and what is wrong, never its contents. */
  public static final class TlsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TlsFileException(String message) {
      super(message);
    }
  }

  /** A TLS 1.2/1.3 server context with that certificate chain and key. */
  public static SSLContext serverContext(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    requireMatch(chain.get(0), key, certificateFile, keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("hangar", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(managers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsFileException("cannot build a TLS context from " + certificateFile + " and " + keyFile + ": " + e.getClass().getSimpleName());
    }
  }

  static List<X509Certificate> certificates(Path file) {
    String text = read(file, "--tls-cert");
    List<X509Certificate> chain = new ArrayList<>();
    Matcher block = BLOCK.matcher(text);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (block.find()) {
        if (block.group(1).equals("CERTIFICATE")) {
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(block.group(2), file, "--tls-cert"))));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("--tls-cert " + file + ": a CERTIFICATE block is not a valid X.509 certificate");
    }
    if (chain.isEmpty()) {
      throw new TlsFileException("--tls-cert " + file + " holds no '-----BEGIN CERTIFICATE-----' block: it must be the server's "
          + "certificate in PEM, followed by any intermediate certificates");
    }
    return chain;
  }

  static PrivateKey privateKey(Path file) {
    String text = read(file, "--tls-key");
    Matcher block = BLOCK.matcher(text);
    if (!block.find()) {
      throw new TlsFileException("--tls-key " + file + " is not PEM. " + ACCEPTED);
    }
    String label = block.group(1);
    if (!label.equals("PRIVATE KEY")) {
      String kind = switch (label) {
        case "RSA PRIVATE KEY" -> "a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY)";
        case "EC PRIVATE KEY" -> "a SEC1 EC key (BEGIN EC PRIVATE KEY)";
        case "ENCRYPTED PRIVATE KEY" -> "an encrypted PKCS#8 key (BEGIN ENCRYPTED PRIVATE KEY)";
        default -> "a '" + label + "' block";
      };
      throw new TlsFileException("--tls-key " + file + " is " + kind + ". " + ACCEPTED);
    }
    byte[] der = decode(block.group(2), file, "--tls-key");
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new TlsFileException("--tls-key " + file + " is a PKCS#8 key of neither RSA nor EC. " + ACCEPTED);
  }

  private static void requireMatch(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {
    PublicKey publicKey = certificate.getPublicKey();
    String algorithm = key instanceof ECKey ? "SHA256withECDSA" : "SHA256withRSA";
    boolean matches;
    try {
      if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
        matches = false;
      } else {
        byte[] probe = "hangar-tls-key-check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        matches = verifier.verify(signature);
      }
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new TlsFileException("--tls-key " + keyFile + " is not the private key of the first certificate in --tls-cert " + certificateFile);
    }
  }

  private static String read(Path file, String flag) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new TlsFileException(flag + " " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] decode(String base64, Path file, String flag) {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(flag + " " + file + ": a PEM block is not valid base64");
    }
  }
}
