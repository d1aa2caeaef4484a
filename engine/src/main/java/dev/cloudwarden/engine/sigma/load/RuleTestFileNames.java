package dev.cloudwarden.engine.sigma.load;

/** Rule test files sit beside rules as {@code <rule>.tests.yml}; they are not rules themselves. */
final class RuleTestFileNames {
    private RuleTestFileNames() {
    }

    static boolean isTestFile(String name) {
        return name.endsWith(".tests.yml") || name.endsWith(".tests.yaml");
    }
}
