package dev.messenger.server.security;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile JSON: values of every type, strings with Unicode edge cases (lone
 * surrogates, NUL, RTL overrides, noncharacters), numbers past {@code long}, nesting up to and past
 * the server's 32 levels, and mutations of valid objects (a field dropped, retyped, blown up or
 * added) and of their text (cut, spliced, padded). Stateless.
 */
final class JsonFuzz {
  private JsonFuzz() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Writes every non-ASCII char as {@code \\uXXXX}, so lone surrogates survive as escapes. */
  private static final ObjectMapper ESCAPING =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** Hand-picked strings that have broken parsers, renderers and SQL before. */
  static final List<String> EDGE_STRINGS =
      List.of(
          "",
          " ",
          "\u0000",
          "a\u0000b",
          "\u0001\u0002\u001f\u007f",
          "\uD800",
          "\uDFFF",
          "x\uDC00\uD800y",
          "\uD83D",
          "\uFFFE\uFFFF",
          "\uFEFFbom",
          "\u202Egnp.exe",
          "\u200F\u200E\u061C",
          "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
          "e\u0301\u0301\u0301\u0301\u0301\u0301",
          "\uD83D\uDE00\u200D\uD83D\uDE00",
          "\u2028\u2029",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "%2e%2e%2f%2e%2e%2f",
          "%00",
          "%",
          "/",
          "?#&=",
          "' OR '1'='1' --",
          "\"; DROP TABLE messages; --",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/a}",
          "{{7*7}}",
          "%s%n%x%d",
          "-1",
          "9223372036854775808",
          "NaN",
          "null",
          "true");

  /** Strings: the edge cases, random chars of the whole BMP, RTL scripts, and long ones. */
  static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(EDGE_STRINGS)),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(1, Arbitraries.strings().withCharRange('\u0590', '\u06FF').ofMaxLength(30)),
        Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(70)),
        Tuple.of(1, oversizedStrings()));
  }

  /** {@link #strings()} of at most 200 chars: for URIs, which must stay under 4 KiB. */
  static Arbitrary<String> shortStrings() {
    return strings().filter(s -> s.length() <= 200);
  }

  /** Long strings: ASCII up to 20,000 chars or emoji up to 4,000 (each 12 bytes escaped). */
  static Arbitrary<String> oversizedStrings() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(65, 20_000).map("x"::repeat),
        Arbitraries.integers().between(500, 4_000).map("\uD83D\uDE00"::repeat),
        Arbitraries.integers().between(1000, 3_000).map(n -> "\u202E\u0000".repeat(n)));
  }

  /** Numbers at and past the edges of int, long and double, and past Jackson's length limit. */
  static Arbitrary<JsonNode> numbers() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            3,
            Arbitraries.of(
                    0L,
                    -1L,
                    1L,
                    2L,
                    (long) Integer.MAX_VALUE + 1,
                    Long.MAX_VALUE,
                    Long.MIN_VALUE,
                    -9_007_199_254_740_993L)
                .map(F::numberNode)),
        Tuple.of(2, Arbitraries.longs().map(F::numberNode)),
        Tuple.of(
            2,
            Arbitraries.integers()
                .between(19, 1_200)
                .map(n -> F.numberNode(new BigInteger("9".repeat(n))))),
        Tuple.of(
            2,
            Arbitraries.of(
                    "1e400",
                    "-1e400",
                    "1e-400",
                    "4.9e-324",
                    "1.7976931348623157e308",
                    "-0.0",
                    "0.5",
                    "1.0")
                .map(s -> F.numberNode(new BigDecimal(s)))));
  }

  /** Scalars of every JSON type. */
  static Arbitrary<JsonNode> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(F.nullNode())),
        Tuple.of(1, Arbitraries.of(true, false).map(F::booleanNode)),
        Tuple.of(3, numbers()),
        Tuple.of(4, strings().map(F::textNode)));
  }

  /** Any JSON value: scalars, small arrays and objects, and deep nesting (1-64 levels). */
  static Arbitrary<JsonNode> values() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, scalars()),
        Tuple.of(
            1,
            scalars()
                .list()
                .ofMaxSize(5)
                .map(
                    l -> {
                      ArrayNode a = F.arrayNode();
                      l.forEach(a::add);
                      return a;
                    })),
        Tuple.of(
            1,
            Combinators.combine(stringsOfMax(20).list().ofMaxSize(4), scalars().list().ofSize(4))
                .as(
                    (keys, vals) -> {
                      ObjectNode o = F.objectNode();
                      for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), vals.get(i));
                      }
                      return o;
                    })),
        Tuple.of(2, nesting()));
  }

  private static Arbitrary<String> stringsOfMax(int n) {
    return strings().filter(s -> s.length() <= n);
  }

  /** Nested arrays or objects, 1 to 64 levels, around a scalar. */
  static Arbitrary<JsonNode> nesting() {
    return Combinators.combine(Arbitraries.integers().between(1, 64), Arbitraries.of(true, false))
        .as(JsonFuzz::nested);
  }

  /** {@code depth} levels of arrays (or objects with key "a") around 1. */
  static JsonNode nested(int depth, boolean arrays) {
    JsonNode inner = F.numberNode(1);
    for (int i = 0; i < depth; i++) {
      if (arrays) {
        inner = F.arrayNode().add(inner);
      } else {
        ObjectNode o = F.objectNode();
        o.set("a", inner);
        inner = o;
      }
    }
    return inner;
  }

  /** A change to one field of a frame or body. */
  sealed interface Mutation {
    void apply(ObjectNode o);
  }

  /** Removes the {@code pick}-th field (mod size). */
  record Drop(int pick) implements Mutation {
    @Override
    public void apply(ObjectNode o) {
      String k = nth(o, pick);
      if (k != null) {
        o.remove(k);
      }
    }
  }

  /** Sets the {@code pick}-th field (mod size) to {@code value}: retyped, huge, odd or nested. */
  record Replace(int pick, JsonNode value) implements Mutation {
    @Override
    public void apply(ObjectNode o) {
      String k = nth(o, pick);
      if (k != null) {
        o.set(k, value.deepCopy());
      }
    }
  }

  /** Adds a field with any name and value (unknown fields must be ignored). */
  record Add(String name, JsonNode value) implements Mutation {
    @Override
    public void apply(ObjectNode o) {
      o.set(name, value.deepCopy());
    }
  }

  private static String nth(ObjectNode o, int pick) {
    if (o.isEmpty()) {
      return null;
    }
    Iterator<String> names = o.fieldNames();
    int i = Math.floorMod(pick, o.size());
    String k = names.next();
    while (i-- > 0) {
      k = names.next();
    }
    return k;
  }

  static Arbitrary<Mutation> mutations() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 15);
    return Arbitraries.frequencyOf(
        Tuple.of(3, pick.map(Drop::new)),
        Tuple.of(6, Combinators.combine(pick, values()).as(Replace::new)),
        Tuple.of(1, Combinators.combine(stringsOfMax(40), values()).as(Add::new)));
  }

  /** A change to the text of a serialized value. */
  record TextCut(int kind, int at, String insert) {
    String apply(String text) {
      int p = text.isEmpty() ? 0 : Math.floorMod(at, text.length());
      return switch (kind) {
        case 0 -> text;
        case 1 -> text.substring(0, p);
        case 2 -> text.substring(0, p) + insert + text.substring(p);
        case 3 -> text.isEmpty() ? text : text.substring(0, p) + text.substring(p + 1);
        case 4 -> text + insert;
        default -> insert + text;
      };
    }
  }

  /** Mostly no change; else a cut, a splice of odd characters, a dropped char, or padding. */
  static Arbitrary<TextCut> textCuts() {
    Arbitrary<String> inserts =
        Arbitraries.oneOf(
            Arbitraries.of(
                "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\\uD800", "\u0000", "//", "/*",
                "NaN", "'", "\n", "}{"),
            Arbitraries.strings().all().ofMaxLength(8));
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(new TextCut(0, 0, ""))),
        Tuple.of(
            4,
            Combinators.combine(
                    Arbitraries.integers().between(1, 5), Arbitraries.integers(), inserts)
                .as(TextCut::new)));
  }

  /** Text that is not JSON at all, or JSON that is not an object. */
  static Arbitrary<String> garbage() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(200)),
        Tuple.of(
            2,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(300)
                .map(b -> new String(b, StandardCharsets.UTF_8))),
        Tuple.of(2, values().map(JsonFuzz::render)),
        Tuple.of(
            1,
            Arbitraries.of(
                "",
                "null",
                "{",
                "{\"type\"",
                "{\"type\":\"ping\"",
                "{\"type\":\"ping\"}}",
                "{\"type\":\"ping\",}",
                "{'type':'ping'}",
                "{\"type\":\"ping\",\"type\":\"send\"}",
                "{\"type\":\"ping\"}{\"type\":\"ping\"}",
                "\uFEFF{\"type\":\"ping\"}",
                "{\"type\":\"\\uD800\"}",
                "{\"type\":\"\\u0000\"}",
                "{\"type\":\"ping\" /* c */}",
                "[".repeat(33) + "]".repeat(33),
                "{\"a\":".repeat(40) + "1" + "}".repeat(40),
                "[".repeat(20_000))));
  }

  /** Serializes; lone surrogates (which UTF-8 cannot carry) are always written as escapes. */
  static String render(JsonNode node) {
    return render(node, false);
  }

  static String render(JsonNode node, boolean escapeNonAscii) {
    try {
      String plain = PLAIN.writeValueAsString(node);
      return escapeNonAscii || hasLoneSurrogate(plain) ? ESCAPING.writeValueAsString(node) : plain;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces unpaired surrogates by {@code ?}, as UTF-8 encoding would (for text-level cuts). */
  static String utf8Safe(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** One generated input: a label saying how it was made, and the text. */
  record Input(String label, String text) {
    @Override
    public String toString() {
      return label + ": " + Shorten.of(text, 400);
    }
  }

  /**
   * Inputs made from {@code templates}: a template with 0-3 field mutations and maybe a text cut,
   * or plain garbage.
   */
  static Arbitrary<Input> mutated(Arbitrary<ObjectNode> templates) {
    Arbitrary<Input> fromTemplate =
        Combinators.combine(
                templates,
                mutations().list().ofMaxSize(3),
                textCuts(),
                Arbitraries.of(false, false, true))
            .as(
                (t, ms, cut, escape) -> {
                  ObjectNode o = t.deepCopy();
                  List<String> what = new ArrayList<>();
                  for (Mutation m : ms) {
                    m.apply(o);
                    what.add(m.getClass().getSimpleName());
                  }
                  String text = utf8Safe(cut.apply(render(o, escape)));
                  String label =
                      t.path("type").asText(t.path("kind").asText("body"))
                          + " "
                          + what
                          + (cut.kind() == 0 ? "" : " cut" + cut.kind());
                  return new Input(label, text);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(7, fromTemplate),
        Tuple.of(2, garbage().map(g -> new Input("garbage", utf8Safe(g)))));
  }
}
