package dev.cloudwarden.engine.posture.source.cloudformation;

import dev.cloudwarden.engine.posture.source.CustomTags;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudFormation's YAML short forms ({@code !Ref x}, {@code !GetAtt A.B}, {@code !Sub ...}) written out in the long
 * JSON form ({@code {"Ref": "x"}}, {@code {"Fn::GetAtt": ["A", "B"]}}), so a YAML template and its JSON twin give the
 * same attributes. A tag CloudFormation adds later ({@code !Foo}) becomes {@code Fn::Foo}, which the evaluator leaves
 * unknown rather than mistaking for data.
 */
final class ShortFormTags implements CustomTags {
    static final ShortFormTags INSTANCE = new ShortFormTags();

    private ShortFormTags() {
    }

    @Override
    public Object resolve(String tag, Object value, int line) {
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        return switch (name) {
            case "Ref" -> single("Ref", value);
            case "Condition" -> single("Condition", value);
            case "GetAtt" -> single("Fn::GetAtt", value instanceof String s ? splitGetAtt(s) : value);
            default -> single("Fn::" + name, value);
        };
    }

    /** {@code Resource.Attribute}: the attribute may itself hold dots ({@code Endpoint.Address}). */
    static Object splitGetAtt(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
