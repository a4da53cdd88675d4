package dev.hangar.adapter.http.s3;

import dev.hangar.domain.storage.MultipartUpload.RequestedPart;
import dev.hangar.domain.storage.StoredPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** S3's XML: the documents the endpoint writes, and the one it reads (CompleteMultipartUpload), with DTDs and entities off. */
final class S3Xml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private S3Xml() {
  }

  static String error(S3Error error, String message, String requestId, Map<String, String> extra) {
    StringBuilder xml = new StringBuilder(PROLOG).append("<Error><Code>").append(error.code()).append("</Code><Message>")
        .append(escape(message)).append("</Message>");
    extra.forEach((name, value) -> xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>'));
    return xml.append("<RequestId>").append(requestId).append("</RequestId><HostId>").append(requestId).append("</HostId></Error>")
        .toString();
  }

  static String initiated(String bucket, String key, String uploadId) {
    return PROLOG + "<InitiateMultipartUploadResult xmlns=\"" + NAMESPACE + "\"><Bucket>" + escape(bucket) + "</Bucket><Key>"
        + escape(key) + "</Key><UploadId>" + escape(uploadId) + "</UploadId></InitiateMultipartUploadResult>";
  }

  static String completed(String location, String bucket, String key, String etag) {
    return PROLOG + "<CompleteMultipartUploadResult xmlns=\"" + NAMESPACE + "\"><Location>" + escape(location) + "</Location><Bucket>"
        + escape(bucket) + "</Bucket><Key>" + escape(key) + "</Key><ETag>" + escape(etag) + "</ETag></CompleteMultipartUploadResult>";
  }

  static String listParts(String bucket, String key, String uploadId, int marker, int maxParts, List<StoredPart> parts) {
    List<StoredPart> after = parts.stream().filter(p -> p.partNumber() > marker).toList();
    List<StoredPart> page = after.subList(0, Math.min(maxParts, after.size()));
    boolean truncated = after.size() > page.size();
    StringBuilder xml = new StringBuilder(PROLOG).append("<ListPartsResult xmlns=\"").append(NAMESPACE).append("\"><Bucket>")
        .append(escape(bucket)).append("</Bucket><Key>").append(escape(key)).append("</Key><UploadId>").append(escape(uploadId))
        .append("</UploadId><PartNumberMarker>").append(marker).append("</PartNumberMarker><NextPartNumberMarker>")
        .append(page.isEmpty() ? marker : page.get(page.size() - 1).partNumber()).append("</NextPartNumberMarker><MaxParts>")
        .append(maxParts).append("</MaxParts><IsTruncated>").append(truncated).append("</IsTruncated>");
    for (StoredPart part : page) {
      xml.append("<Part><PartNumber>").append(part.partNumber()).append("</PartNumber><LastModified>")
          .append(DateTimeFormatter.ISO_INSTANT.format(part.lastModified())).append("</LastModified><ETag>")
          .append(escape(part.etag())).append("</ETag><Size>").append(part.size()).append("</Size></Part>");
    }
    return xml.append("</ListPartsResult>").toString();
  }

  /** The parts of a CompleteMultipartUpload body: Part elements with PartNumber and ETag, in document order. */
  static List<RequestedPart> parseComplete(byte[] body) {
    Document document;
    try {
      document = parser().parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      throw new S3Failure(S3Error.MALFORMED_XML);
    }
    Element root = document.getDocumentElement();
    if (!"CompleteMultipartUpload".equals(localName(root))) {
      throw new S3Failure(S3Error.MALFORMED_XML);
    }
    List<RequestedPart> parts = new ArrayList<>();
    NodeList children = root.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node node = children.item(i);
      if (node.getNodeType() != Node.ELEMENT_NODE) {
        continue;
      }
      if (!"Part".equals(localName(node))) {
        throw new S3Failure(S3Error.MALFORMED_XML);
      }
      String number = child(node, "PartNumber");
      String etag = child(node, "ETag");
      if (number == null || etag == null) {
        throw new S3Failure(S3Error.MALFORMED_XML);
      }
      try {
        parts.add(new RequestedPart(Integer.parseInt(number.trim()), etag.trim()));
      } catch (NumberFormatException e) {
        throw new S3Failure(S3Error.MALFORMED_XML);
      }
    }
    if (parts.isEmpty()) {
      throw new S3Failure(S3Error.MALFORMED_XML);
    }
    return parts;
  }

  private static String child(Node parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node node = children.item(i);
      if (node.getNodeType() == Node.ELEMENT_NODE && name.equals(localName(node))) {
        return node.getTextContent();
      }
    }
    return null;
  }

  private static String localName(Node node) {
    return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
  }

  /** A parser that refuses DTDs outright and resolves no external entity, schema or include. */
  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser supports these features", e);
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
