package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.SavedHunt;

import java.util.List;

/**
 * The hunt page: the query (SQL or Sigma), its result as a table or why it failed, and the saved hunts.
 *
 * @param kind   {@code sql} or {@code sigma}
 * @param result null before anything ran
 * @param error  why the hunt did not answer, or null
 */
public record HuntView(Frame page, String kind, String query, String savedName, Result result, String error,
                       List<SavedHunt> saved) {
    /** A hunt's answer, every cell as text. */
    public record Result(List<String> columns, List<List<String>> rows, boolean truncated, String took) {
    }
}
