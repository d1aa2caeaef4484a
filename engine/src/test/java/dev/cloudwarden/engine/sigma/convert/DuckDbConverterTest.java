package dev.cloudwarden.engine.sigma.convert;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.RuleParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden tests: a rule's detection in a text block, and the exact SQL it becomes. */
class DuckDbConverterTest {
    private static final DuckDbConverter CONVERTER = new DuckDbConverter(SigmaConfig.defaults());

    static SigmaRule rule(String detection) {
        StringBuilder yaml = new StringBuilder("title: golden\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n");
        detection.lines().forEach(l -> yaml.append("    ").append(l).append('\n'));
        RuleParser.Result result = new RuleParser().parse("golden.yml", yaml.toString());
        assertThat(result.errors()).isEmpty();
        return result.rules().get(0);
    }

    static String sql(String detection) throws Exception {
        return CONVERTER.condition(rule(detection));
    }

    /** How one value is fanned out when it is an array (two levels, then an error): in every field access. */
    private static final String UNWRAP = "CASE WHEN json_type(x) = 'ARRAY' THEN flatten(list_transform(json_extract(x, '$[*]'), "
            + "lambda y: CASE WHEN json_type(y) = 'ARRAY' THEN flatten(list_transform(json_extract(y, '$[*]'), "
            + "lambda z: CASE WHEN json_type(z) = 'ARRAY' THEN error('unsupported by the DuckDB backend: arrays nested "
            + "more than 2 deep on a rule''s field path') ELSE [z] END)) ELSE [y] END)) ELSE [x] END";

    private static String field(String key) {
        return "flatten(list_transform(list_filter([json_extract(json, '/" + key + "')], lambda k: k IS NOT NULL), lambda x: "
                + UNWRAP + "))";
    }

    @Test
    void mapItemsAreAndedListValuesOredWildcardsBecomeLike() throws Exception {
        assertThat(sql("""
                selection:
                    eventSource: iam.amazonaws.com
                    eventName:
                        - CreateUser
                        - Delete*
                condition: selection
                """)).isEqualTo("""
                (len(list_filter(FIELD1, lambda v: json_extract_string(v, '$') ILIKE 'iam.amazonaws.com')) > 0 \
                AND len(list_filter(FIELD2, lambda v: json_extract_string(v, '$') ILIKE 'CreateUser' \
                OR json_extract_string(v, '$') ILIKE 'Delete%')) > 0)"""
                .replace("FIELD1", field("eventSource")).replace("FIELD2", field("eventName")));
    }

    @Test
    void keywordsSearchTheRecordAndEveryValueInIt() throws Exception {
        assertThat(sql("""
                keywords:
                    - 'AdministratorAccess'
                condition: keywords
                """)).isEqualTo("""
                len(list_filter(list_concat([json], list_filter(json_extract(json, '$..*'), \
                lambda k: json_type(k) NOT IN ('ARRAY', 'NULL'))), \
                lambda v: json_extract_string(v, '$') ILIKE '%AdministratorAccess%')) > 0""");
    }

    @Test
    void containsAllBindsTheValuesOnceAndEscapesLikeCharacters() throws Exception {
        String sql = sql("""
                selection:
                    requestParameters.userData|contains|all:
                        - 'curl'
                        - '50%_off\\\\'
                condition: selection
                """);
        assertThat(sql).startsWith("list_transform([coalesce(nullif(flatten(list_transform(list_filter([json_extract(json, "
                        + "'/requestParameters.userData')], lambda k: k IS NOT NULL)")
                .contains("lambda k: json_extract(k, '/userData')")
                .endsWith("lambda vs: (len(list_filter(vs, lambda v: json_extract_string(v, '$') ILIKE '%curl%')) > 0 "
                        + "AND len(list_filter(vs, lambda v: json_extract_string(v, '$') ILIKE '%50\\%\\_off\\\\%' ESCAPE '\\')) > 0))[1]");
    }

    @Test
    void nullEmptyAndExistsAreWholeListTests() throws Exception {
        String sql = sql("""
                selection:
                    errorCode: null
                    userAgent: ''
                    eventVersion|exists: false
                condition: not selection
                """);
        assertThat(sql).startsWith("NOT ((list_transform([" + field("errorCode")
                        + "], lambda vs: (len(vs) = 0 OR len(list_filter(vs, lambda v: json_type(v) = 'NULL')) > 0))[1]")
                .contains("lambda v: json_extract_string(v, '$') ILIKE '')) > 0")
                .endsWith(" AND NOT (len(list_filter([json_extract(json, '/eventVersion')], lambda k: k IS NOT NULL)) > 0)))");
    }

    @Test
    void regexNumbersBooleansAndCased() throws Exception {
        String sql = sql("""
                selection:
                    eventName|re|i: '^Put.*Policy$'
                    requestParameters.durationSeconds|gt: 3600
                    readOnly: false
                sel_cased:
                    userIdentity.type|cased: Root
                condition: 1 of sel*
                """);
        assertThat(sql)
                .contains("lambda v: regexp_matches(json_extract_string(v, '$'), '(?i)^Put.*Policy$')")
                .contains(" > CAST('3600.0' AS DOUBLE)")
                .contains("lambda v: lower(json_extract_string(v, '$')) = lower('false')")
                .contains("lambda v: json_extract_string(v, '$') = 'Root'")
                .contains(") OR len(");
    }

    @Test
    void aQuoteInAValueOrKeyStaysInsideItsLiteral() throws Exception {
        assertThat(sql("""
                selection:
                    "it's/a~key": "O'Brien"
                condition: selection
                """)).contains("json_extract(json, '/it''s~1a~0key')").contains("ILIKE 'O''Brien'");
    }

    @Test
    void cidrIsRefusedNamingTheItem() {
        assertThatThrownBy(() -> sql("""
                selection:
                    sourceIPAddress|cidr: 10.0.0.0/8
                condition: selection
                """)).isInstanceOf(UnsupportedByBackendException.class)
                .hasMessageStartingWith("unsupported by the DuckDB backend: cidr")
                .hasMessageContaining("golden.yml")
                .hasMessageEndingWith("detection.selection.sourceIPAddress|cidr)");
    }

    @Test
    void timeModifiersAreRefused() {
        assertThatThrownBy(() -> sql("""
                selection:
                    eventTime|hour: 3
                condition: selection
                """)).isInstanceOf(UnsupportedByBackendException.class)
                .hasMessageStartingWith("unsupported by the DuckDB backend: hour");
    }

    @Test
    void countQueryHasAColumnPerRuleNamedByItsKey() {
        assertThat(DuckDbConverter.countQuery("/tmp/it's.ndjson", List.of(new ConvertedRule("a\"b", "TRUE"),
                new ConvertedRule("r2", "FALSE")))).isEqualTo("""
                SELECT count(*) FILTER (WHERE TRUE) AS "a""b",
                       count(*) FILTER (WHERE FALSE) AS "r2"
                FROM read_ndjson_objects('/tmp/it''s.ndjson')""");
    }
}
