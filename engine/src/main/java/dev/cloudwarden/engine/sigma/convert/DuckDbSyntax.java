package dev.cloudwarden.engine.sigma.convert;

/**
 * DuckDB's spelling of everything the converter writes (STYLE.md practice 9: target syntax is data). Templates
 * take their operands with {@link String#formatted}; {@code %1$s}-style indexes let one operand appear twice.
 * Lambda parameters have fixed names per role so the output is deterministic: {@code x}, {@code y}, {@code z}
 * walk arrays, {@code v} is a value tested by a pattern, {@code w} a value of a {@code fieldref}'s other field
 * and {@code vs} a whole value list bound once.
 */
final class DuckDbSyntax {
    private DuckDbSyntax() {
    }

    /** The JSON column of {@code read_ndjson_objects} / {@code read_json_objects}. */
    static final String RECORD = "json";

    static final String TRUE = "TRUE";
    static final String FALSE = "FALSE";
    static final String AND = " AND ";
    static final String OR = " OR ";
    static final String NOT = "NOT %s";
    static final String GROUP = "(%s)";

    // ---- value lists (JSON[]) -------------------------------------------------------------------------------
    /** The child of each element under a key (a JSON pointer: any key, no wildcard), missing ones dropped. */
    static final String CHILDREN = "list_filter(list_transform(%s, lambda k: json_extract(k, %s)), lambda k: k IS NOT NULL)";
    /** The child of the record itself under a key. */
    static final String ROOT_CHILD = "list_filter([json_extract(" + RECORD + ", %s)], lambda k: k IS NOT NULL)";
    /** Every element of a list with its arrays replaced by their elements ({@code %2$s} unwraps one value). */
    static final String UNWRAP = "flatten(list_transform(%1$s, lambda %2$s: %3$s))";
    /** One value: its elements when it is an array (unwrapped further by %3$s), else itself. */
    static final String ELEMENTS = "CASE WHEN json_type(%1$s) = 'ARRAY' THEN flatten(list_transform(json_extract(%1$s, '$[*]'), lambda %2$s: %3$s)) ELSE [%1$s] END";
    /** Arrays nested deeper than the converter unwraps: fail the query rather than answer differently. */
    static final String TOO_DEEP = "CASE WHEN json_type(%1$s) = 'ARRAY' THEN error(%2$s) ELSE [%1$s] END";
    /** The first non-empty list of several alternatives (dotted keys: the literal key wins). */
    static final String FIRST_NON_EMPTY = "coalesce(%s)";
    static final String UNLESS_EMPTY = "nullif(%s, [])";
    /** What keyword searches look at: the record (compact JSON) and every value below it but arrays and nulls. */
    static final String KEYWORD_TARGETS = "list_concat([" + RECORD + "], list_filter(json_extract(" + RECORD
            + ", '$..*'), lambda k: json_type(k) NOT IN ('ARRAY', 'NULL')))";

    // ---- tests on one value v (JSON) --------------------------------------------------------------------------
    /** A value as text: strings unquoted, numbers and booleans as written, objects as compact JSON, null as NULL. */
    static final String TEXT = "json_extract_string(%s, '$')";
    static final String IS_JSON_NULL = "json_type(%s) = 'NULL'";
    static final String IS_NOT_JSON_NULL = "json_type(%s) <> 'NULL'";
    /**
     * A JSON number, or a string holding a plain decimal number (surrounding control characters and spaces
     * allowed, as Java's trim does; a string too large for a double is not a number).
     */
    static final String NUMBER = "CASE WHEN json_type(%1$s) IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST(%1$s AS DOUBLE)"
            + " WHEN json_type(%1$s) = 'VARCHAR' THEN nullif(nullif(TRY_CAST(nullif(regexp_extract(json_extract_string(%1$s, '$'),"
            + " '^[\\x00- ]*([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[\\x00- ]*$', 1), '') AS DOUBLE),"
            + " 'inf'::DOUBLE), '-inf'::DOUBLE) END";
    static final String DOUBLE = "CAST('%s' AS DOUBLE)";
    static final String EQUALS = "%s = %s";
    static final String LIKE = "%s LIKE %s";
    static final String ILIKE = "%s ILIKE %s";
    static final String ESCAPE = " ESCAPE '\\'";
    static final char LIKE_ESCAPE = '\\';
    static final String LIKE_ANY = "%";
    static final String LIKE_ONE = "_";
    static final String REGEX = "regexp_matches(%s, %s)";
    static final String FOLDED_EQUALS = "lower(%s) = lower(%s)";

    // ---- tests on a value list ------------------------------------------------------------------------------
    /** Some element satisfies a test on {@code v}. */
    static final String ANY = "len(list_filter(%s, lambda %s: %s)) > 0";
    static final String NONE = "len(%s) = 0";
    static final String SOME = "len(%s) > 0";
    /** Binds a value list to {@code vs} so several tests read it once. */
    static final String BIND = "list_transform([%s], lambda vs: %s)[1]";
    static final String BOUND = "vs";

    // ---- the whole query ------------------------------------------------------------------------------------
    static final String COUNT = "count(*) FILTER (WHERE %s) AS %s";
    static final String SELECT = "SELECT %s%nFROM %s";
    static final String READ_NDJSON = "read_ndjson_objects(%s)";
}
