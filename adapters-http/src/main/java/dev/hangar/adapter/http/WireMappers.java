package dev.hangar.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one Jackson configuration of GameLift's wire records, for both protocols: PascalCase members, strict
 * types (a number is not a string, a string is not a number), unknown members ignored, absent and null members
 * omitted, duplicate members refused. The CBOR mapper adds what CBOR needs on top: a text string and nothing
 * else is a string, and a timestamp (the wire records' one {@link BigDecimal}) is tag 1 with a double.
 */
final class WireMappers {
  /** The CBOR tag of epoch-based date/time (RFC 8949 section 3.4.2). */
  static final int EPOCH_TIME_TAG = 1;

  private WireMappers() {
  }

  /** AWS JSON 1.1. */
  static ObjectMapper json() {
    return configure(JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN));
  }

  /** Smithy RPC v2 CBOR; its readers expect bodies that {@link StrictCbor} has accepted. */
  static ObjectMapper cbor() {
    SimpleModule cbor = new SimpleModule("smithy-rpc-v2-cbor")
        .addDeserializer(String.class, new TextStringOnly())
        .addSerializer(BigDecimal.class, new EpochSecondsTimestamp());
    return configure(CBORMapper.builder().addModule(cbor));
  }

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
    M mapper = builder
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
        LogicalType.Float, LogicalType.Collection, LogicalType.POJO}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    return mapper;
  }

  /** An error body as both protocols write it: a map of {@code __type} and {@code message}. */
  static byte[] errorBody(ObjectMapper mapper, String type, String message) {
    try {
      return mapper.writeValueAsBytes(mapper.createObjectNode().put("__type", type).put("message", message));
    } catch (IOException e) {
      throw new IllegalStateException("a map of two strings always serializes", e);
    }
  }

  /** The member a mapping failure is about, e.g. {@code Tags.member.Key}. */
  static String memberPath(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "member")
        .collect(Collectors.joining("."));
  }

  /** The media type of a Content-Type header, lower case, without parameters; null when there is none. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Jackson's own string deserializer also takes a byte string (as base64) or an embedded object; a
   * GameLift string member is a text string and nothing else.
   */
  private static final class TextStringOnly extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    TextStringOnly() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        return parser.getText();
      }
      return (String) context.handleUnexpectedToken(String.class, parser);
    }
  }

  /**
   * Timestamps as the protocol writes them: tag 1 and a double of epoch seconds. Jackson's default for a
   * {@code BigDecimal} is tag 4 (a decimal fraction), which clients refuse.
   */
  private static final class EpochSecondsTimestamp extends StdScalarSerializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    EpochSecondsTimestamp() {
      super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal seconds, JsonGenerator generator, SerializerProvider provider) throws IOException {
      ((CBORGenerator) generator).writeTag(EPOCH_TIME_TAG);
      generator.writeNumber(seconds.doubleValue());
    }
  }
}
