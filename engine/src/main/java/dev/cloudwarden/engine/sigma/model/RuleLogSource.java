package dev.cloudwarden.engine.sigma.model;

/** A rule's {@code logsource}: any of category, product and service may be null. */
public record RuleLogSource(String category, String product, String service) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (product != null) {
            sb.append("product=").append(product);
        }
        if (service != null) {
            sb.append(sb.isEmpty() ? "" : " ").append("service=").append(service);
        }
        if (category != null) {
            sb.append(sb.isEmpty() ? "" : " ").append("category=").append(category);
        }
        return sb.toString();
    }
}
